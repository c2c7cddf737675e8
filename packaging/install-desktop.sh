#!/bin/sh
# Register an unpacked pkdesk bundle with this user's Linux desktop: the menu entry, the icon,
# and .pkplan.json files opening in pkdesk (double-click, "Open with"). Nothing outside your
# home folder is touched and no administrator rights are needed. Run it from the bundle:
#     pkdesk/share/install-desktop.sh
# Undo: pkdesk/share/install-desktop.sh --remove (your data is never touched).
set -eu
share=$(cd "$(dirname "$0")" && pwd)
exe=$(cd "$share/.." && pwd)/pkdesk
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps=$data/applications
mime=$data/mime
icons=$data/icons/hicolor
sizes="16 24 32 48 64 128 256 512"

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$mime" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
}

if [ "${1:-}" = "--remove" ]; then
  rm -f "$apps/pkdesk.desktop" "$mime/packages/pkdesk-mime.xml" "$icons/scalable/apps/pkdesk.svg"
  for n in $sizes; do rm -f "$icons/${n}x${n}/apps/pkdesk.png"; done
  refresh
  echo "pkdesk: removed from the desktop (your data is kept)"
  exit 0
fi

if [ ! -x "$exe" ]; then
  echo "install-desktop.sh: no pkdesk program at $exe (run it from an unpacked bundle)" >&2
  exit 2
fi
case $exe in
  *[!A-Za-z0-9_./+-]*)
    echo "install-desktop.sh: the bundle's path has spaces or special characters: $exe;" \
         "move the pkdesk folder to a simpler path" >&2
    exit 2 ;;
esac
mkdir -p "$apps" "$mime/packages" "$icons/scalable/apps"
sed -e "s|^Exec=pkdesk |Exec=$exe |" -e "s|^TryExec=pkdesk\$|TryExec=$exe|" \
  "$share/pkdesk.desktop" > "$apps/pkdesk.desktop.tmp"
mv "$apps/pkdesk.desktop.tmp" "$apps/pkdesk.desktop"
cp "$share/pkdesk-mime.xml" "$mime/packages/pkdesk-mime.xml"
cp "$share/icons/pkdesk.svg" "$icons/scalable/apps/pkdesk.svg"
for n in $sizes; do
  mkdir -p "$icons/${n}x${n}/apps"
  cp "$share/icons/pkdesk-$n.png" "$icons/${n}x${n}/apps/pkdesk.png"
done
refresh
echo "pkdesk: added to the desktop ($apps/pkdesk.desktop runs $exe)"
