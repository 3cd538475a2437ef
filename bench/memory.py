"""Resident memory of a running process, sampled on a thread while something is measured."""

from __future__ import annotations

import threading

import psutil


class PeakMemory:
    """Resident memory of a process (and, with `children`, all its children) at the start and at its peak, in
    bytes, sampled every `every` seconds (more often would steal CPU from what it measures)."""

    def __init__(self, process: psutil.Process | None = None, children: bool = True, every: float = 0.1):
        self.process = process or psutil.Process()
        self.children = children
        self.every = every
        self.first = self.peak = self._resident()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _resident(self) -> int:
        try:
            total = self.process.memory_info().rss
            if self.children:
                total += sum(c.memory_info().rss for c in self.process.children(recursive=True))
        except psutil.Error:
            return 0
        return total

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.peak = max(self.peak, self._resident())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
