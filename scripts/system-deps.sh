#!/usr/bin/env sh
# Install the Debian packages argmap needs, where they are missing:
#   graphviz                      - `dot`, which lays out diagrams
#   libpango/libharfbuzz-subset   - loaded by WeasyPrint to set PDF text
#   fonts-dejavu-core             - a font with wide script coverage for diagrams and PDFs
#   fonts-wqy-microhei            - Chinese, Japanese and Korean glyphs, which DejaVu lacks
#   poppler-utils                 - pdftotext/pdftoppm, used by the tests to read PDFs
#   libreoffice-writer-nogui      - the tests convert Word briefs to PDF with it, headless
#   chromium, chromium-driver     - the tests drive the live preview in a real browser
#   python3-venv                  - only when this Python cannot make a venv
# Uses apt-get (through sudo when not root); says what to install by hand elsewhere.
set -eu

packages="graphviz libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-wqy-microhei poppler-utils\
    libreoffice-writer-nogui chromium chromium-driver"
python=${PYTHON:-python3}

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in $packages; do
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        case "$status" in *"install ok installed"*) ;; *) missing="$missing $pkg" ;; esac
    done
else
    command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
fi
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing="$missing python3-venv"
fi

[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "argmap needs these system packages (Debian names):$missing" >&2
    echo "There is no apt-get here: install them with your system's package manager." >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Installing$missing needs root, and sudo is not available." >&2
    exit 1
fi
echo "Installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
