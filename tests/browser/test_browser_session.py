"""A whole session on Binder: a learner opens every chapter one after another and closes each.

With binder/overrides.json (installed by make install and by Binder's postBuild), closing a
chapter shuts its kernel down, so at most two kernels live at once and memory stays far below
Binder's 2 GB. Each chapter's set-up cell runs (it imports TensorFlow, most of a kernel's memory);
benchmarks/bench_session.py walks the chapters running every cell and prints the peak PSS.
"""
import pytest

import labdriver as L

INDEX = "notebooks/00-index.ipynb"
CHAPTERS = [f"notebooks/{p.name}" for p in sorted(L.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")) if p.name != "00-index.ipynb"]


def test_closing_each_chapter_frees_its_kernel(lab, screenshots):
    from playwright.sync_api import sync_playwright

    assert L.kernel_shutdown_setting(lab) is True, \
        "JupyterLab does not shut kernels down on close: is binder/overrides.json installed (make install)?"
    lab.shutdown_kernels()
    with sync_playwright() as pw:
        browser = L.launch_chromium(pw)
        try:
            page = L.open_notebook(browser, lab, INDEX)  # the learner starts at the index and keeps it open
            steps = L.walk_chapters(page, lab, CHAPTERS)
            page.screenshot(path=str(screenshots / "session-walk-end.png"))
        finally:
            browser.close()
            lab.shutdown_kernels()
    peak = max(s["kernels_open"] for s in steps)
    left = [s["path"] for s in steps if s["kernels_after_close"] >= s["kernels_open"]]
    print(f"\nsession walk: {len(steps)} chapters, at most {peak} kernels at once, "
          f"peak PSS {max(s['pss_mb'] for s in steps):.0f} MB (set-up cells only)")
    assert not left, f"closing these chapters did not shut their kernel down: {left}"
    assert peak <= 2, f"{peak} kernels were alive at once (the index's and one chapter's at most): {steps}"
