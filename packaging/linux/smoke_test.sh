#!/usr/bin/env bash
# `make bundle-test`: the built bundle in a clean environment (no virtualenv on PATH, a fresh HOME).
#   CLI: --version, init, demo, search through the bundle's executable, under strace: no network
#        call, no file written outside the bundle, HOME's app folders and the vault.
#   GUI: under Xvfb, the unlock window, the demo vault unlocked, Overview in Russian, Ctrl+L locks,
#        each screen waited for over AT-SPI (atspi_wait.py: fails if it does not come);
#        screenshots in build/bundle-test/; the same file and network checks.
#   Portable: a `portable` file beside the executable; the same session adds nothing under HOME.
# Installs the Debian packages Qt's xcb plugin and the checks need (as root, when missing).
#     packaging/linux/smoke_test.sh build/dist/commsdesk [--cli-only]
set -euo pipefail
APP=$(cd "$1" && pwd)
MODE=${2:-full}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/build/bundle-test
PASS="smoke test passphrase: correct horse battery"
DISPLAY_NUMBER=${SMOKE_DISPLAY:-48}

need=(strace)
[ "$MODE" = "--cli-only" ] || need+=(xvfb openbox xdotool x11-apps imagemagick dbus-daemon at-spi2-core python3-gi
    gir1.2-atspi-2.0 libxcb-cursor0 libxcb-icccm4
    libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0
    libx11-xcb1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libegl1 libgl1 fonts-dejavu-core)
missing=()
for pkg in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d)
cleanup() {
    [ -n "${WM_PID:-}" ] && kill "$WM_PID" 2>/dev/null
    [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null
    [ -n "${DBUS_PID:-}" ] && kill "$DBUS_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
CLEAN_PATH=/usr/local/bin:/usr/bin:/bin  # no virtualenv, no pyenv shims

# A fresh HOME; the app may write only to its own folders there, the vault and the temp folder.
clean_env() {  # clean_env HOME LANG COMMAND...
    local home=$1 lang=$2
    shift 2
    env -i HOME="$home" PATH="$CLEAN_PATH" LANG="$lang" LC_ALL=C.UTF-8 TMPDIR="$home/tmp" \
        ${DISPLAY:+DISPLAY=$DISPLAY} \
        ${DBUS_SESSION_BUS_ADDRESS:+DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS} \
        ${DBUS_SESSION_BUS_ADDRESS:+QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1} "$@"
}

traced() {  # traced NAME HOME LANG ARGS... : the bundle's executable under strace
    local name=$1 home=$2 lang=$3
    shift 3
    clean_env "$home" "$lang" strace -f -qq -o "$OUT/$name.strace" \
        -e trace=connect,socket,sendto,openat,creat,mkdir,mkdirat,rename,renameat2,unlink,unlinkat \
        "$APP/commsdesk" "$@"
}

# No network: no socket but local (AF_UNIX: X server, D-Bus) ones, no connect to anything else.
check_network() {
    local log=$1
    if grep -E "socket\((AF_INET|AF_INET6|AF_PACKET|AF_NETLINK)" "$log" | grep -v "= -1" >/dev/null; then
        echo "FAIL: a network socket in $log:"; grep -E "socket\(AF_INET|socket\(AF_INET6" "$log" | head
        exit 1
    fi
    if grep -E "connect\(.*sa_family=AF_INET" "$log" >/dev/null; then
        echo "FAIL: a network connection in $log"; exit 1
    fi
}

# Every file opened for writing or created lies in an allowed folder.
check_writes() {
    local log=$1
    shift
    local allowed=("$@")
    local bad=0
    while IFS= read -r path; do
        local ok=0
        for prefix in "${allowed[@]}"; do
            case "$path" in "$prefix"*) ok=1 ;; esac
            case "$prefix" in "$path"/*) ok=1 ;; esac  # a parent made on the way (~/.local/share)
        done
        case "$path" in /dev/*|/proc/*|/sys/*|/tmp/.X11-unix/*|/run/user/*) ok=1 ;; esac
        if [ $ok = 0 ]; then echo "FAIL: written outside the allowed folders: $path"; bad=1; fi
    done < <(grep -E 'O_WRONLY|O_RDWR|O_CREAT|mkdir|creat\(|rename' "$log" | grep -v "= -1" \
             | grep -oE '"[^"]+"' | tr -d '"' | grep '^/' | sort -u)
    [ $bad = 0 ] || exit 1
}

echo "== CLI"
H=$WORK/home
mkdir -p "$H/tmp"
APPDIRS=("$H/.local/share/CommsDesk" "$H/.config/CommsDesk" "$H/tmp" "$APP/")
version=$(clean_env "$H" C.UTF-8 "$APP/commsdesk" --version)
echo "$version" | grep -q "^CommsDesk [0-9]" || { echo "FAIL: --version said: $version"; exit 1; }
echo "version: $version"
printf '%s\n%s\n' "$PASS" "$PASS" | traced init "$H" ru_RU.UTF-8 init --vault "$H/vaults/first.commsdesk" \
    > "$OUT/init.txt" 2>&1 || { cat "$OUT/init.txt"; exit 1; }
printf '%s\n%s\n' "$PASS" "$PASS" | traced demo "$H" ru_RU.UTF-8 demo > "$OUT/demo.txt" 2>&1 \
    || { cat "$OUT/demo.txt"; exit 1; }
echo "$PASS" | traced search "$H" ru_RU.UTF-8 search мама > "$OUT/search.txt" 2>&1 \
    || { cat "$OUT/search.txt"; exit 1; }
grep -qi "мам" "$OUT/search.txt" || { echo "FAIL: search found nothing:"; cat "$OUT/search.txt"; exit 1; }
grep -q "Создано\|Создан\|хранилищ" "$OUT/demo.txt" || { echo "FAIL: the CLI did not answer in Russian:"; cat "$OUT/demo.txt"; exit 1; }
for name in init demo search; do
    check_network "$OUT/$name.strace"
    check_writes "$OUT/$name.strace" "${APPDIRS[@]}" "$H/vaults"
done
echo "init, demo, search: ok (Russian answers, no network, writes only in the app's folders)"
echo "== Vaults cross between source and bundle (the same SQLCipher format)"
SOURCE_PY=${SOURCE_PYTHON:-$ROOT/.venv/bin/python}
if [ -x "$SOURCE_PY" ]; then
    from_source() { clean_env "$H" C.UTF-8 env PYTHONPATH="$ROOT/src" "$SOURCE_PY" -m commsdesk "$@"; }
    printf '%s\n%s\n' "$PASS" "$PASS" | from_source init --vault "$H/vaults/from-source.commsdesk" >/dev/null 2>&1
    echo "$PASS" | clean_env "$H" C.UTF-8 "$APP/commsdesk" check --vault "$H/vaults/from-source.commsdesk" \
        > "$OUT/cross-bundle.txt" 2>&1 || { echo "FAIL: the bundle cannot open a vault made from source"; cat "$OUT/cross-bundle.txt"; exit 1; }
    echo "$PASS" | from_source search мама --vault "$H/.local/share/CommsDesk/vault.commsdesk" > "$OUT/cross-source.txt" 2>&1 \
        || { echo "FAIL: source cannot open the bundle's vault"; cat "$OUT/cross-source.txt"; exit 1; }
    grep -qi "мам" "$OUT/cross-source.txt" || { echo "FAIL: source found nothing in the bundle's vault"; exit 1; }
    echo "a vault made from source opens in the bundle, and the bundle's demo vault opens from source"
else
    echo "FAIL: no source environment at $SOURCE_PY (run make test or set SOURCE_PYTHON)"; exit 1
fi
[ "$MODE" = "--cli-only" ] && { echo "bundle smoke test (CLI only) passed"; exit 0; }

start_display() {  # a fresh X server, window manager and D-Bus session for each session, as after a log-in
    [ -n "${WM_PID:-}" ] && kill "$WM_PID" 2>/dev/null
    [ -n "${DBUS_PID:-}" ] && kill "$DBUS_PID" 2>/dev/null
    [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
    export DISPLAY=:$1
    Xvfb "$DISPLAY" -screen 0 1280x900x24 -nolisten tcp -noreset >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
    env -i DISPLAY="$DISPLAY" HOME="$WORK" PATH="$CLEAN_PATH" openbox >/dev/null 2>&1 &
    WM_PID=$!
    # The session bus starts the accessibility bus on demand: the screens are waited for over AT-SPI.
    local bus
    bus=$(env -i HOME="$WORK" PATH="$CLEAN_PATH" dbus-daemon --session --fork --nopidfile \
        --print-address=1 --print-pid=1)
    DBUS_SESSION_BUS_ADDRESS=$(sed -n 1p <<< "$bus")
    DBUS_PID=$(sed -n 2p <<< "$bus")
    export DBUS_SESSION_BUS_ADDRESS
    sleep 1
}

# wait_for SECONDS ROLE NAME SHOT : until the app shows that control (AT-SPI), else fail with a screenshot
wait_for() {
    if ! env -i DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" DISPLAY="$DISPLAY" PATH="$CLEAN_PATH" \
            HOME="$WORK" /usr/bin/python3 "$HERE/atspi_wait.py" CommsDesk "$1" "$2" "$3"; then
        import -window root "$OUT/$4-failed.png"
        echo "FAIL: $2 '$3' not shown (screenshot $OUT/$4-failed.png)"
        exit 1
    fi
}

echo "== GUI under Xvfb"
start_display "$DISPLAY_NUMBER"

gui_session() {  # gui_session NAME HOME SHOTS_PREFIX : unlock, Overview, lock, quit
    local name=$1 home=$2 prefix=$3
    traced "$name" "$home" ru_RU.UTF-8 > "$OUT/$name.txt" 2>&1 &
    local pid=$!
    local win=""
    # The main window: visible, and still there a moment later (Qt may map a short-lived one first).
    for _ in $(seq 60); do
        sleep 0.5
        win=$(xdotool search --onlyvisible --name "^CommsDesk$" 2>/dev/null | tail -1) || true
        [ -n "$win" ] || continue
        sleep 1.5
        xdotool getwindowname "$win" >/dev/null 2>&1 && break
        win=""
    done
    [ -n "$win" ] || { echo "FAIL: no window"; import -window root "$OUT/$prefix-no-window.png"; xdotool search --name . getwindowname %@ || true; cat "$OUT/$name.txt"; exit 1; }
    wait_for 30 "password text" "*" "$prefix-unlock"
    sleep 0.5  # the frame painted after the widget exists
    import -window root "$OUT/$prefix-unlock.png"
    xdotool mousemove --window "$win" 200 200 || true
    xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus "$win" 2>/dev/null || true
    xdotool type --delay 5 "$PASS"
    xdotool key Return
    # Key derivation (production level, about a second), then the Overview: its cards, in Russian.
    wait_for 60 "list" "Последние разговоры" "$prefix-overview"
    wait_for 10 "push button" "Записать разговор" "$prefix-overview"
    sleep 1
    import -window root "$OUT/$prefix-overview.png"
    xdotool key ctrl+l
    wait_for 20 "password text" "*" "$prefix-locked"
    sleep 0.5
    import -window root "$OUT/$prefix-locked.png"
    xdotool key --window "$win" ctrl+q 2>/dev/null || true
    xdotool windowclose "$win" 2>/dev/null || kill "$pid" 2>/dev/null || true
    wait "$pid" || true
    if grep -q "^Traceback" "$OUT/$name.txt"; then  # an error the window may not show
        echo "FAIL: the app raised an exception:"; cat "$OUT/$name.txt"; exit 1
    fi
}

gui_session gui "$H" ru
check_network "$OUT/gui.strace"
check_writes "$OUT/gui.strace" "${APPDIRS[@]}"
echo "GUI: screenshots in $OUT (ru-unlock.png, ru-overview.png, ru-locked.png)"

echo "== Portable mode"
P=$WORK/stick-home
mkdir -p "$P/tmp"
STICK=$WORK/stick
cp -a "$APP" "$STICK"
touch "$STICK/portable"
APP_SAVED=$APP
APP=$STICK
printf '%s\n%s\n' "$PASS" "$PASS" | traced portable-demo "$P" ru_RU.UTF-8 demo \
    > "$OUT/portable-demo.txt" 2>&1 || { cat "$OUT/portable-demo.txt"; exit 1; }
before=$(cd "$P" && find . -path ./tmp -prune -o -print | sort)
start_display "$((DISPLAY_NUMBER + 100))"
gui_session portable-gui "$P" portable
after=$(cd "$P" && find . -path ./tmp -prune -o -print | sort)
APP=$APP_SAVED
if [ "$before" != "$after" ]; then
    echo "FAIL: the portable session wrote into HOME:"; diff <(echo "$before") <(echo "$after") || true; exit 1
fi
check_writes "$OUT/portable-gui.strace" "$STICK/" "$P/tmp"
check_network "$OUT/portable-gui.strace"
[ -f "$STICK/data/settings/settings.json" ] || { echo "FAIL: no settings in the stick's data/"; exit 1; }
echo "portable: nothing new under HOME; settings and vault in $STICK/data"
echo "bundle smoke test passed"
