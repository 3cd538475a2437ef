"""The dashboard's Streamlit settings (.streamlit/config.toml) are options this Streamlit knows."""

import tomllib

from tests.conftest import PROJECT


def _settings() -> dict[str, object]:
    config = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return {
        f"{section}.{name}": value for section, options in config.items() for name, value in options.items()
    }


def test_every_setting_is_an_option_of_the_pinned_streamlit():
    from streamlit import config

    config.get_config_options()  # loads the option definitions
    assert set(_settings()) <= set(config._config_options_template)


def test_pages_are_not_held_up_by_a_full_garbage_collection_after_each_run():
    # gc.collect(2) after every page run held the interpreter lock while the page's messages waited
    assert _settings()["runner.postScriptGC"] is False
