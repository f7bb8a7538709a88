"""binder/ builds the same environment that requirements.txt describes, and is wired up right.

mybinder.org runs repo2docker: it installs binder/requirements.txt BEFORE copying the
repository (so that file can name packages only), then runs binder/postBuild in the copy
(which installs nnlib), and starts every session through binder/start.
"""
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
# mybinder.org builds on 64-bit Linux with the Python of binder/runtime.txt.
BINDER_ENV = {"platform_machine": "x86_64", "sys_platform": "linux", "platform_system": "Linux",
              "os_name": "posix", "python_version": "3.11", "python_full_version": "3.11.0",
              "implementation_name": "cpython", "platform_python_implementation": "CPython"}


def requirements(path):
    """{canonical name: Requirement} for the lines that apply on Binder."""
    reqs = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        assert not line.startswith(("-e", "-r", ".", "/", "file:", "git+")), \
            f"{path.name}: {line!r} is not a plain package requirement"
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(BINDER_ENV):
            name = canonicalize_name(req.name)
            assert name not in reqs, f"{path.name}: {req.name} is listed twice for Binder"
            reqs[name] = req
    return reqs


def test_runtime_is_python_311():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_binder_requirements_name_the_same_packages():
    ours, binder = requirements(ROOT / "requirements.txt"), requirements(BINDER / "requirements.txt")
    assert sorted(binder) == sorted(ours), (
        f"only in requirements.txt: {sorted(set(ours) - set(binder))}; "
        f"only in binder/requirements.txt: {sorted(set(binder) - set(ours))}")


def test_binder_gets_the_cpu_build_of_tensorflow():
    binder = requirements(BINDER / "requirements.txt")
    assert "tensorflow-cpu" in binder and "tensorflow" not in binder
    assert "voila" in binder, "the playground's Voila link needs voila on Binder"


def test_binder_ranges_agree_with_requirements():
    """Each package's ranges in the two files are the same, or at least both admit the
    version these tests run on (so Binder can install what CI tested)."""
    ours, binder = requirements(ROOT / "requirements.txt"), requirements(BINDER / "requirements.txt")
    for name in sorted(set(ours) & set(binder)):
        a, b = ours[name].specifier, binder[name].specifier
        if a == b:
            continue
        try:
            here = version(name)
        except PackageNotFoundError:
            pytest.fail(f"{name}: ranges differ ({a} vs {b}) and it is not installed here to compare")
        assert a.contains(here, prereleases=True) and b.contains(here, prereleases=True), \
            f"{name} {here} (installed here) must satisfy requirements.txt {a} and binder {b}"


def test_postbuild_stops_on_error_and_installs_nnlib():
    path = BINDER / "postBuild"
    lines = [l.strip() for l in path.read_text().splitlines()]
    assert lines[0] == "#!/bin/bash"
    assert os.access(path, os.X_OK), "binder/postBuild must be executable"
    code = [l for l in lines[1:] if l and not l.startswith("#")]
    assert re.fullmatch(r"set -[a-z]*e[a-z]*( -o pipefail)?", code[0]), \
        f"postBuild must start with set -e, starts with {code[0]!r}"
    assert "pip install --no-deps -e ." in code, "postBuild must install nnlib from the copied repository"


def test_start_exports_quiet_tensorflow_and_runs_the_command():
    path = BINDER / "start"
    assert path.read_text().startswith("#!/bin/bash")
    assert os.access(path, os.X_OK), "binder/start must be executable"
    if shutil.which("bash") is None:
        pytest.skip("bash not found")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_")}
    out = subprocess.run(["bash", str(path), sys.executable, "-c",
                          "import os; print(os.environ['TF_CPP_MIN_LOG_LEVEL'], "
                          "os.environ['TF_ENABLE_ONEDNN_OPTS'])"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["3", "0"]


def repo2docker():
    return shutil.which("repo2docker", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                           os.environ.get("PATH", "")]))


@pytest.mark.skipif(repo2docker() is None, reason="repo2docker not installed (pip install jupyter-repo2docker)")
def test_repo2docker_accepts_the_configuration():
    """repo2docker --no-build writes the Dockerfile it would build, offline and without Docker."""
    out = subprocess.run([repo2docker(), "--no-build", "--debug", "--no-run", "--user-id", "1000",
                          "--user-name", "jovyan", str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-3000:]
    assert "python=3.11" in log, "runtime.txt's Python was not picked up"
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in log
    assert "./binder/postBuild" in log
    assert 'R2D_ENTRYPOINT="${REPO_DIR}/binder/start"' in log


def test_closing_a_chapter_shuts_its_kernel_down():
    """binder/overrides.json sets JupyterLab's "Shut down kernel" on notebook close, a real key of
    the installed JupyterLab's schema; postBuild (Binder) and make install (make lab) put it into
    <prefix>/share/jupyter/lab/settings, where JupyterLab reads overrides."""
    import json

    overrides = json.loads((BINDER / "overrides.json").read_text())
    assert overrides == {"@jupyterlab/notebook-extension:tracker": {"kernelShutdown": True}}
    schema = Path(sys.prefix) / "share/jupyter/lab/schemas/@jupyterlab/notebook-extension/tracker.json"
    assert "kernelShutdown" in json.loads(schema.read_text())["properties"], "no such JupyterLab setting"
    assert "share/jupyter/lab/settings" in (BINDER / "postBuild").read_text()
    assert "cp binder/overrides.json" in (BINDER / "postBuild").read_text()
    assert "cp binder/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json" in \
        (ROOT / "Makefile").read_text()
