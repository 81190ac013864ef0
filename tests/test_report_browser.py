"""The pages in a real browser: Debian's headless Chromium driven by its chromedriver (`make test` installs
both).

For English and Korean pages built from the same genuine result files: no
console errors, every image loaded, every link between the index and the pages
resolves, and a full-page screenshot of each page saved under the test's
temporary folder.
"""

from __future__ import annotations

import base64
import shutil
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from ann_keras.report import build_pages

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Offline and quiet: no sandbox (tests may run as root), no GPU, nothing fetched in the background.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,900",
)


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(
            "Debian's chromium and chromium-driver are not installed: run `make test`, which installs them"
        )
    profile = tempfile.mkdtemp(prefix="ann-keras-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def file_path(url: str) -> Path:
    return Path(urllib.parse.unquote(urllib.parse.urlparse(url).path))


def check_page(driver, url: str, screenshot: Path) -> list[str]:
    """Open `url`; assert no console errors, every image drawn, every local link there; returns the page's
    links."""
    driver.get(url)
    driver.execute_script("return document.fonts.ready")
    errors = [
        entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")
    ]
    assert not errors, f"{url}: {errors}"
    images = driver.execute_script(
        "return Array.from(document.images).map(i => [i.getAttribute('src').slice(0, 60), i.complete, "
        "i.naturalWidth])"
    )
    broken = [src for src, complete, width in images if not (complete and width > 0)]
    assert not broken, f"{url}: images not loaded: {broken}"
    hrefs = driver.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    for href in hrefs:
        if href.startswith("file:"):
            assert file_path(href).exists(), f"{url}: link to a missing file {href}"
        else:
            assert href.startswith(url.split("#")[0] + "#"), f"{url}: link leaves the results folder: {href}"
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return window.innerWidth")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 16000), "scale": 1},
        },
    )
    screenshot.write_bytes(base64.b64decode(shot["data"]))
    assert screenshot.stat().st_size > 20_000
    return hrefs


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_pages_in_headless_chromium(browser, report_results, report_pages, tmp_path, lang):
    if lang == "en":
        results_dir = report_pages
    else:
        results_dir = tmp_path / "results"
        shutil.copytree(report_results, results_dir)
        build_pages(results_dir, lang=lang)
    shots = tmp_path / "screenshots"
    shots.mkdir()
    index_url = (results_dir / "index.html").resolve().as_uri()
    hrefs = check_page(browser, index_url, shots / "index.png")
    pages = sorted({h for h in hrefs if h.endswith("/report.html")})
    assert len(pages) == 6, pages
    for url in pages:
        name = file_path(url).parent.name
        check_page(browser, url, shots / f"{name}.png")
        assert browser.execute_script("return document.documentElement.lang") == lang
        if lang == "ko":  # the embedded Hangul font is loaded and used
            assert "재현하기" in browser.page_source
            assert browser.execute_script(
                "return Array.from(document.fonts).some(f => f.family.replace(/[\"']/g, '') === 'Hangul' && "
                "f.status === 'loaded')"
            )
        back = browser.find_element("css selector", "header .crumbs a")
        back.click()
        assert file_path(browser.current_url) == file_path(index_url)
    print(f"screenshots: {shots}")


PHONE = 420


def test_pages_at_phone_width(browser, report_pages, tmp_path):
    """At 420 px: no page scrolls sideways (a wide table scrolls inside its own box, its first column kept
    in view), headline cards sit two to a row, and every figure is a link to its full-size PNG."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE, "height": 900, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        index_url = (report_pages / "index.html").resolve().as_uri()
        hrefs = check_page(browser, index_url, tmp_path / "index-phone.png")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE
        wide = browser.execute_script(
            "const w = document.querySelector('.table-wrap'); return [w.scrollWidth, w.clientWidth, "
            "getComputedStyle(w.querySelector('td')).position]"
        )
        assert wide[0] > wide[1] and wide[2] == "sticky", wide  # the table scrolls inside, its names stay
        for url in sorted({h for h in hrefs if h.endswith("/report.html")}):
            check_page(browser, url, tmp_path / f"{file_path(url).parent.name}-phone.png")
            assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE, url
            columns = browser.execute_script(
                "const c = document.querySelector('.cards'); return c ? "
                "getComputedStyle(c).gridTemplateColumns.split(' ').length : 2"
            )
            assert columns == 2, url
            figures = browser.execute_script(
                "return Array.from(document.querySelectorAll('figure > a.zoom > img')).map("
                "i => [i.closest('a').href, i.src])"
            )
            plain = browser.execute_script(  # the misclassified images' tiles are shown at full size
                "return Array.from(document.querySelectorAll('figure > img'))"
                ".filter(i => !i.closest('.grid')).length"
            )
            assert plain == 0, f"{url}: a figure that cannot be tapped to enlarge"
            for link, src in figures:
                assert link == src and file_path(link).is_file()
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
