"""Editor set-up: the VS Code extension packages (when npm is here), and what it starts runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VSCODE = ROOT / "editors" / "vscode"


def test_the_extension_starts_argmap_lsp() -> None:
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    assert manifest["main"] == "./extension.js"
    assert "onLanguage:yaml" in manifest["activationEvents"]
    command = manifest["contributes"]["configuration"]["properties"]["argmap.command"]
    assert command["default"] == ["argmap", "lsp"]
    script = (VSCODE / "extension.js").read_text(encoding="utf-8")
    assert 'require("vscode-languageclient/node")' in script
    assert '.get("command", ["argmap", "lsp"])' in script


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_make_packages_the_vscode_extension(tmp_path: Path) -> None:
    vsix = tmp_path / "argmap.vsix"
    done = subprocess.run(
        ["make", "-s", "vscode-extension", f"VSIX={vsix}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(vsix) as package:
        names = set(package.namelist())
        manifest = json.loads(package.read("extension/package.json"))
    assert "extension/extension.js" in names
    assert "extension/node_modules/vscode-languageclient/package.json" in names
    assert not any("@vscode/vsce/" in n for n in names)  # a build tool, not shipped
    assert manifest["name"] == "argmap" and manifest["main"] == "./extension.js"
