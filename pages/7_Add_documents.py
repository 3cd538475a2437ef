"""Add documents: upload texts or paste links to web pages, see what the tracker would take from each — meeting,
participants, documents, figures with their passages marked, and what is already known — then add them."""

import hashlib

import streamlit as st

from ui.data import require_warehouse
from ui.highlight import highlight_passages, legend
from ui.ingest import MAX_LINKS, MAX_UPLOAD_MB, add_documents, review_links, review_upload, sources_path
from ui.layout import page_setup
from ui.tables import show_table

FILE_TYPES = ["txt", "md", "html", "htm", "pdf", "docx"]


def show_review(n: int | str, review, url: str | None = None) -> None:
    preview = review.preview
    st.subheader(f"{preview.file_name}")
    if url:
        st.caption(f"From <{url}>")
    if preview.rejection is not None:
        st.error(f"Cannot be added — {preview.rejection.detail}")
        return
    if review.duplicate_of:
        st.warning(f"Already in the tracker as {review.duplicate_of}; it will not be added twice.")
    doc = preview.document
    meeting = f"meeting {preview.summit_id}" if preview.summit_id else "no meeting recognised"
    st.caption(
        f"Language: {doc.language} · {meeting} · {len(doc.text):,} characters · title: {doc.title or '—'}"
    )
    for name, frame in (
        ("participants", review.participants),
        ("agreements", review.agreements),
        ("figures", review.figures),
    ):
        new = int((~frame["already_known"]).sum()) if not frame.empty else 0
        st.markdown(f"**{name.capitalize()}**: {len(frame)} found, {new} new")
        if not frame.empty:
            show_table(frame, f"preview_{name}", key=f"upload_{n}_{name}")
    passages = [
        (fact.rstrip("s"), quote)
        for fact, frame in (
            ("participants", review.participants),
            ("agreements", review.agreements),
            ("figures", review.figures),
        )
        if not frame.empty
        for quote in frame["quote"]
    ]
    with st.expander("The text, with the passages the facts come from"):
        st.html(legend(("participant", "agreement", "figure")))
        st.html(highlight_passages(doc.text, passages))


def links_review(text: str):
    """The pasted links fetched and previewed once, kept for the session until the text changes (a rerun, the
    confirm click included, does not fetch them again)."""
    if not text.strip():
        st.session_state.pop("links_review", None)
        return None
    cached = st.session_state.get("links_review")
    if cached is None or cached.text != text:
        with st.spinner("Fetching the links and reading each page…"):
            cached = review_links(text)
        st.session_state["links_review"] = cached
    return cached


def show_link_failures(failures) -> None:
    for failure in failures:
        if failure.reason == "duplicate":
            st.warning(f"{failure.url}: {failure.detail}")
        else:
            st.error(f"{failure.url} — not added: {failure.detail}")


def main() -> None:
    page_setup("Add documents")
    st.title("Add documents")
    st.caption(
        f"Upload press releases or statements ({', '.join(FILE_TYPES)}; up to {MAX_UPLOAD_MB} MB each), or "
        f"paste links to web pages or PDFs (up to {MAX_LINKS}). Confirmed files are saved into "
        f"`{sources_path()}` and the warehouse is rebuilt."
    )
    require_warehouse()
    # A new key after each add empties the uploader: the files just added are not previewed again as «already in
    # the tracker».
    generation = st.session_state.setdefault("upload_generation", 0)
    files_column, links_column = st.columns(2)
    uploads = files_column.file_uploader(
        "Files",
        type=FILE_TYPES,
        accept_multiple_files=True,
        key=f"upload_files_{generation}",
        max_upload_size=MAX_UPLOAD_MB,
    )
    links = links_column.text_area(
        "Links, one per line",
        key=f"fetch_links_{generation}",
        height=110,
        placeholder="https://…",
        help="Web pages (the article is kept) or PDFs. Each site's "
        "robots.txt is obeyed and its pages are fetched one at a time.",
    )
    if result := st.session_state.pop("upload_result", None):
        st.success(result)
    fetched = links_review(links)
    if not uploads and fetched is None:
        return
    reviews, seen = [], {}
    for n, upload in enumerate(uploads):
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            st.error(
                f"{upload.name}: {upload.size / 2**20:.0f} MB is over the {MAX_UPLOAD_MB} MB limit; not read."
            )
            continue
        raw = upload.getvalue()
        digest = hashlib.sha256(raw).hexdigest()
        if digest in seen:
            st.warning(f"{upload.name}: the same bytes as {seen[digest]} in this upload; added once.")
            continue
        seen[digest] = upload.name
        review = review_upload(upload.name, raw)
        show_review(n, review)
        if review.can_add:
            reviews.append((review.preview.file_name, raw))
    if fetched is not None:
        for n, link in enumerate(fetched.pages):
            show_review(f"link{n}", link.review, url=link.page.final_url)
            reviews.append(link.new_source())
        show_link_failures(fetched.failures)
    if not reviews:
        st.info("Nothing to add.")
        return
    if st.button(
        f"Add {len(reviews)} file{'s' if len(reviews) > 1 else ''} to the tracker",
        type="primary",
        key="upload_confirm",
    ):
        with st.spinner("Rebuilding the warehouse…"):
            try:
                summary = add_documents(reviews)
            except Exception as error:  # noqa: BLE001 — any failure is shown; the warehouse is unchanged
                st.error(f"The warehouse was not rebuilt, and nothing was added: {error}")
                return
        st.cache_data.clear()
        counts = summary.counts
        st.session_state["upload_result"] = (
            f"Added {len(reviews)} file(s). The tracker now holds {counts['sources']} sources, "
            f"{counts['participants']} participants, {counts['agreements']} documents and {counts['figures']} figures."
        )
        st.session_state["upload_generation"] = generation + 1
        st.session_state.pop("links_review", None)
        st.rerun()


main()
