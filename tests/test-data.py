#!/usr/bin/env python3
# test-data.py — checks of the desktop integration, as TAP.
#
# Copyright 2026 The Chainsmith authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-data.py potfiles     SRCROOT BUILDROOT  po/POTFILES.in names every file with strings
#   test-data.py translations SRCROOT BUILDROOT  the .po files compile; German covers data/
#   test-data.py icons        SRCROOT BUILDROOT  the app icon and its symbolic variant
#   test-data.py flatpak      SRCROOT BUILDROOT  the Flatpak manifest
#   test-data.py install      SRCROOT BUILDROOT  `meson install --destdir` installs everything
#
# Only the standard library; the gettext tools, rsvg-convert, flatpak-builder and
# desktop-file-validate are run as programs (a missing one skips its checks).

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = 'io.github.chainsmith.Chainsmith'
GETTEXT_PACKAGE = 'chainsmith'
FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']
SYMBOLIC_COLOUR = '#2e3436'
SVG_NS = '{http://www.w3.org/2000/svg}'


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def ok(self, passed, name, diagnostics=''):
        self.count += 1
        if not passed:
            self.failed += 1
        print(f"{'ok' if passed else 'not ok'} {self.count} - {name}")
        if not passed:
            self.note(str(diagnostics))
        return passed

    def skip(self, name, reason):
        self.count += 1
        print(f'ok {self.count} - {name} # SKIP {reason}')

    def note(self, text):
        for line in text.splitlines():
            if line.strip():
                print(f'# {line}')

    def finish(self):
        print(f'1..{self.count}')
        return 1 if self.failed or self.count == 0 else 0


def run(argv, cwd=None, env=None):
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


# --- POTFILES.in ---------------------------------------------------------------------

# The keywords of meson's 'glib' gettext preset, and GtkBuilder's translatable attribute.
C_KEYWORDS = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dcgettext|g_dpgettext2)\s*\(')
UI_TRANSLATABLE = re.compile(r'\btranslatable\s*=\s*["\'](?:yes|true|1)["\']', re.IGNORECASE)
C_COMMENTS = re.compile(r'/\*.*?\*/|//[^\n]*', re.DOTALL)
C_STRINGS = re.compile(r'"(?:\\.|[^"\\\n])*"')
# data/ files carry strings by nature: the desktop entry, the metainfo, the schema.
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')


def has_translatable_strings(path):
    text = read(path)
    if path.endswith(('.c', '.h')):
        # Comments and string literals may mention _() without marking anything.
        code = C_STRINGS.sub('""', C_COMMENTS.sub(' ', text))
        return C_KEYWORDS.search(code) is not None
    if path.endswith(('.ui', '.blp')):
        return UI_TRANSLATABLE.search(text) is not None or '_(' in text
    return path.endswith(DATA_SUFFIXES)


def source_files(srcroot):
    for top in ('src', 'resources', 'data'):
        for folder, dirs, files in os.walk(os.path.join(srcroot, top)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(('.c', '.h', '.ui', '.blp') + DATA_SUFFIXES):
                    yield os.path.relpath(os.path.join(folder, name), srcroot)


def potfiles_entries(srcroot):
    entries = []
    for line in read(os.path.join(srcroot, 'po', 'POTFILES.in')).splitlines():
        line = line.strip()
        if line and not line.startswith('#') and not line.startswith('['):
            entries.append(line)
    return entries


def check_potfiles(tap, srcroot, _buildroot):
    listed = potfiles_entries(srcroot)
    marked = [f for f in source_files(srcroot) if has_translatable_strings(os.path.join(srcroot, f))]
    tap.ok(len(marked) > 0, 'the sources have files with translatable strings')
    for f in marked:
        tap.ok(f in listed, f'{f} has translatable strings and is listed in po/POTFILES.in',
               '' if f in listed else f'add the line “{f}” to po/POTFILES.in')
    for f in listed:
        tap.ok(os.path.isfile(os.path.join(srcroot, f)), f'po/POTFILES.in entry {f} exists')
    duplicates = sorted({f for f in listed if listed.count(f) > 1})
    tap.ok(not duplicates, 'po/POTFILES.in names each file once', ' '.join(duplicates))
    unmarked = [f for f in listed if f not in marked and os.path.isfile(os.path.join(srcroot, f))]
    if unmarked:
        tap.note('listed without translatable strings (harmless): ' + ' '.join(unmarked))


# --- Translations --------------------------------------------------------------------

XGETTEXT_GLIB = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def linguas(srcroot):
    langs = []
    for line in read(os.path.join(srcroot, 'po', 'LINGUAS')).splitlines():
        langs.extend(w for w in line.split('#')[0].split() if w)
    return langs


def statistics(po_path):
    """(translated, fuzzy, untranslated) as msgfmt --statistics counts them."""
    result = run(['msgfmt', '--statistics', '-o', os.devnull, po_path],
                 env=dict(os.environ, LC_ALL='C', LANGUAGE=''))
    counts = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
    for number, kind in re.findall(r'(\d+) (translated|fuzzy|untranslated) (?:message|translation)', result.stderr):
        counts[kind] = int(number)
    return counts['translated'], counts['fuzzy'], counts['untranslated']


def extract_pot(srcroot, tmp):
    pot = os.path.join(tmp, GETTEXT_PACKAGE + '.pot')
    result = run(['xgettext', '--package-name=' + GETTEXT_PACKAGE, '-D', srcroot,
                  '--files-from=' + os.path.join(srcroot, 'po', 'POTFILES.in'),
                  '-o', pot] + XGETTEXT_GLIB)
    return pot, result


def check_language(tap, srcroot, buildroot, lang, pot, tmp):
    po = os.path.join(srcroot, 'po', lang + '.po')
    if not tap.ok(os.path.isfile(po), f'po/{lang}.po exists'):
        return
    result = run(['msgfmt', '--check', '--check-accelerators=_', '-o', os.devnull, po])
    tap.ok(result.returncode == 0, f'msgfmt --check passes on po/{lang}.po', result.stderr)

    merged = os.path.join(tmp, lang + '.po')
    result = run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po, pot])
    if not tap.ok(result.returncode == 0, f'po/{lang}.po merges with the current catalog', result.stderr):
        return
    translated, fuzzy, untranslated = statistics(merged)
    tap.note(f'{lang}: {translated} of {translated + fuzzy + untranslated} messages of the '
             f'whole program translated ({fuzzy} fuzzy, {untranslated} untranslated)')

    # The strings of data/ (desktop entry, metainfo, schema) must be complete:
    # they are what GNOME Software, the Shell and dconf show.
    data_po = os.path.join(tmp, lang + '-data.po')
    result = run(['msggrep', '--location=data/*', '-o', data_po, merged])
    if not tap.ok(result.returncode == 0 and os.path.isfile(data_po),
                  f'the data/ messages are selected from the {lang} catalog', result.stderr):
        return
    translated, fuzzy, untranslated = statistics(data_po)
    missing = run(['msgattrib', '--untranslated', '--no-wrap', data_po]).stdout
    missing += run(['msgattrib', '--only-fuzzy', '--no-wrap', data_po]).stdout
    tap.ok(translated > 0 and fuzzy == 0 and untranslated == 0,
           f'every message of data/ is translated in po/{lang}.po '
           f'({translated} translated, {fuzzy} fuzzy, {untranslated} untranslated)',
           '\n'.join('missing: ' + m for m in msgids_of_text(missing)))


def msgids_of_text(text):
    """The msgids of a catalog printed with --no-wrap, for the diagnostics."""
    return re.findall(r'^msgid "(.+)"$', text, re.MULTILINE)


def check_merged_data(tap, srcroot, buildroot, lang):
    """The desktop entry and the metainfo of the build carry the translation."""
    desktop = os.path.join(buildroot, 'data', APP_ID + '.desktop')
    metainfo = os.path.join(buildroot, 'data', APP_ID + '.metainfo.xml')
    if os.path.isfile(desktop):
        text = read(desktop)
        tap.ok(re.search(rf'^Comment\[{lang}\]=.+$', text, re.MULTILINE) is not None
               and re.search(rf'^Keywords\[{lang}\]=.+;$', text, re.MULTILINE) is not None,
               f'the built desktop entry has Comment[{lang}] and Keywords[{lang}]')
    else:
        tap.skip(f'the built desktop entry has Comment[{lang}]', 'not built')
    if os.path.isfile(metainfo):
        root = ET.parse(metainfo).getroot()
        lang_attr = '{http://www.w3.org/XML/1998/namespace}lang'
        summaries = [e for e in root.findall('summary') if e.get(lang_attr) == lang]
        paragraphs = [e for e in root.iter('p') if e.get(lang_attr) == lang]
        tap.ok(len(summaries) == 1 and len(paragraphs) > 0,
               f'the built metainfo has the {lang} summary and description')
    else:
        tap.skip(f'the built metainfo has the {lang} summary', 'not built')


def check_translations(tap, srcroot, buildroot):
    langs = linguas(srcroot)
    tap.ok('de' in langs, 'po/LINGUAS lists de', ' '.join(langs))
    if shutil.which('xgettext') is None or shutil.which('msgmerge') is None:
        tap.skip('the catalog', 'the gettext tools are not installed')
        return
    with tempfile.TemporaryDirectory() as tmp:
        pot, result = extract_pot(srcroot, tmp)
        if not tap.ok(result.returncode == 0 and os.path.isfile(pot),
                      'xgettext extracts the catalog from po/POTFILES.in', result.stderr):
            return
        for lang in langs:
            check_language(tap, srcroot, buildroot, lang, pot, tmp)
            check_merged_data(tap, srcroot, buildroot, lang)


# --- Icons ---------------------------------------------------------------------------

def svg_root(tap, path, size):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        tap.ok(False, f'{os.path.basename(path)} is well-formed SVG', e)
        return None
    tap.ok(root.tag == SVG_NS + 'svg' and root.get('viewBox') == f'0 0 {size} {size}'
           and root.get('width') == str(size) and root.get('height') == str(size),
           f'{os.path.basename(path)} is a {size}×{size} SVG',
           f"viewBox={root.get('viewBox')} width={root.get('width')} height={root.get('height')}")
    return root


def check_symbolic(tap, root):
    allowed = {SVG_NS + 'svg', SVG_NS + 'g', SVG_NS + 'path', SVG_NS + 'rect', SVG_NS + 'circle'}
    others = sorted({e.tag.replace(SVG_NS, '') for e in root.iter() if e.tag not in allowed})
    tap.ok(not others, 'the symbolic icon has only shapes (GTK recolours rect, circle and path)',
           ' '.join(others))
    strokes = [e.tag for e in root.iter() if e.get('stroke') not in (None, 'none')
               or 'stroke' in (e.get('style') or '')]
    tap.ok(not strokes, 'the symbolic icon has no strokes', ' '.join(strokes))
    fills = {(e.get('fill') or '').lower() for e in root.iter() if e.tag != SVG_NS + 'svg'}
    tap.ok(fills == {SYMBOLIC_COLOUR}, f'the symbolic icon is filled with {SYMBOLIC_COLOUR} only',
           ' '.join(sorted(fills)))


def check_render(tap, path, size):
    if shutil.which('rsvg-convert') is None:
        tap.skip(f'{os.path.basename(path)} renders', 'rsvg-convert is not installed')
        return
    result = subprocess.run(['rsvg-convert', '-w', str(size), '-h', str(size), path],
                            capture_output=True)
    png = result.stdout
    # The PNG header's IHDR chunk holds the width and height at bytes 16–24.
    rendered = (result.returncode == 0 and png[:8] == b'\x89PNG\r\n\x1a\n'
                and int.from_bytes(png[16:20], 'big') == size
                and int.from_bytes(png[20:24], 'big') == size)
    tap.ok(rendered, f'{os.path.basename(path)} renders at {size} px with librsvg',
           result.stderr.decode(errors='replace'))


def check_icons(tap, srcroot, _buildroot):
    icons = os.path.join(srcroot, 'data', 'icons', 'hicolor')
    app = os.path.join(icons, 'scalable', 'apps', APP_ID + '.svg')
    symbolic = os.path.join(icons, 'symbolic', 'apps', APP_ID + '-symbolic.svg')
    if svg_root(tap, app, 128) is not None:
        check_render(tap, app, 128)
        check_render(tap, app, 32)
    root = svg_root(tap, symbolic, 16)
    if root is not None:
        check_symbolic(tap, root)
        check_render(tap, symbolic, 16)
    desktop = read(os.path.join(srcroot, 'data', APP_ID + '.desktop.in'))
    tap.ok(f'\nIcon={APP_ID}\n' in desktop, 'the desktop entry names the app icon')
    gresource = read(os.path.join(srcroot, 'resources', 'chainsmith.gresource.xml'))
    alias = f'alias="icons/scalable/apps/{APP_ID}-symbolic.svg">' \
            f'../data/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg<'
    tap.ok(alias in gresource, 'the gresource carries the symbolic icon under the icon theme path')


# --- Flatpak -------------------------------------------------------------------------

def check_manifest_keys(tap, manifest):
    required = ['id', 'runtime', 'runtime-version', 'sdk', 'command', 'finish-args', 'modules']
    missing = [k for k in required if k not in manifest]
    tap.ok(not missing, 'the manifest has ' + ', '.join(required), 'missing: ' + ' '.join(missing))
    tap.ok(manifest.get('id') == APP_ID, f'the manifest id is {APP_ID}', manifest.get('id'))
    tap.ok(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk',
           'the runtime is org.gnome.Platform with org.gnome.Sdk')
    version = manifest.get('runtime-version')
    tap.ok(isinstance(version, str) and re.fullmatch(r'[4-9][0-9]', version) is not None,
           'runtime-version names a stable GNOME release (not master)', repr(version))
    tap.ok(manifest.get('command') == 'chainsmith', 'the command is chainsmith',
           repr(manifest.get('command')))
    args = manifest.get('finish-args')
    tap.ok(isinstance(args, list) and sorted(args) == sorted(FINISH_ARGS) and len(args) == len(set(args)),
           'finish-args are exactly ' + ' '.join(FINISH_ARGS), repr(args))
    tap.ok(not any('--filesystem' in a for a in args or []),
           'no --filesystem: files go through the file chooser portal')
    cleanup = manifest.get('cleanup')
    tap.ok(isinstance(cleanup, list) and len(cleanup) > 0, 'the manifest has a cleanup list')


def check_manifest_module(tap, manifest, manifest_dir, srcroot):
    modules = manifest.get('modules') or []
    tap.ok(len(modules) == 1 and isinstance(modules[0], dict),
           'one module: SQLite, OpenSSL and json-glib come from the runtime',
           ' '.join(m.get('name', '?') if isinstance(m, dict) else str(m) for m in modules))
    if not modules or not isinstance(modules[0], dict):
        return
    module = modules[0]
    tap.ok(module.get('buildsystem') == 'meson', 'the module is built with meson',
           repr(module.get('buildsystem')))
    sources = module.get('sources') or []
    dirs = [s for s in sources if isinstance(s, dict) and s.get('type') == 'dir']
    here = [s for s in dirs
            if os.path.realpath(os.path.join(manifest_dir, s.get('path', ''))) == os.path.realpath(srcroot)]
    tap.ok(len(sources) == 1 and len(here) == 1,
           'the module is built from this repository (a dir source pointing at it)', repr(sources))
    opts = module.get('config-opts') or []
    tap.ok('-Dtests=false' in opts, 'the Flatpak build leaves the test suite out', repr(opts))


def check_show_manifest(tap, path):
    if shutil.which('flatpak-builder') is None:
        tap.skip('flatpak-builder --show-manifest is clean', 'flatpak-builder is not installed')
        return
    with tempfile.TemporaryDirectory() as tmp:
        # In a scratch folder: flatpak-builder may leave a state directory behind.
        result = run(['flatpak-builder', '--show-manifest', path], cwd=tmp,
                     env=dict(os.environ, LC_ALL='C.UTF-8'))
    try:
        shown = json.loads(result.stdout)
    except ValueError:
        shown = {}
    tap.ok(result.returncode == 0 and result.stderr.strip() == '' and shown.get('id') == APP_ID,
           'flatpak-builder --show-manifest reads the manifest without a warning',
           f'exit {result.returncode}\n{result.stderr}')


def check_flatpak(tap, srcroot, _buildroot):
    path = os.path.join(srcroot, 'flatpak', APP_ID + '.json')
    try:
        manifest = json.loads(read(path))
    except (OSError, ValueError) as e:
        tap.ok(False, 'the manifest is valid JSON', e)
        return
    tap.ok(isinstance(manifest, dict), 'the manifest is valid JSON')
    check_manifest_keys(tap, manifest)
    check_manifest_module(tap, manifest, os.path.dirname(path), srcroot)
    check_show_manifest(tap, path)


# --- Installed tree ------------------------------------------------------------------

def build_options(buildroot):
    result = run(['meson', 'introspect', '--buildoptions', buildroot])
    return {o['name']: o['value'] for o in json.loads(result.stdout)}


def staged(destdir, path):
    return os.path.join(destdir, path.lstrip('/'))


def expected_files(options):
    prefix = options['prefix']
    bindir = os.path.join(prefix, options['bindir'])
    datadir = os.path.join(prefix, options['datadir'])
    localedir = os.path.join(prefix, options['localedir'])
    return bindir, {
        'the program chainsmith': os.path.join(bindir, 'chainsmith'),
        'the program chainsmith-cli': os.path.join(bindir, 'chainsmith-cli'),
        'the desktop entry': os.path.join(datadir, 'applications', APP_ID + '.desktop'),
        'the metainfo': os.path.join(datadir, 'metainfo', APP_ID + '.metainfo.xml'),
        'the app icon': os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps', APP_ID + '.svg'),
        'the symbolic icon': os.path.join(datadir, 'icons', 'hicolor', 'symbolic', 'apps',
                                          APP_ID + '-symbolic.svg'),
        'the settings schema': os.path.join(datadir, 'glib-2.0', 'schemas', APP_ID + '.gschema.xml'),
        'the German translation': os.path.join(localedir, 'de', 'LC_MESSAGES', GETTEXT_PACKAGE + '.mo'),
    }


def check_installed_files(tap, destdir, options):
    bindir, files = expected_files(options)
    for what, path in files.items():
        tap.ok(os.path.isfile(staged(destdir, path)), f'{what} is installed as {path}')
    for name in ('chainsmith', 'chainsmith-cli'):
        path = staged(destdir, os.path.join(bindir, name))
        tap.ok(os.path.isfile(path) and os.stat(path).st_mode & stat.S_IXUSR,
               f'{name} is installed executable')
    installed = sorted(os.listdir(staged(destdir, bindir))) if os.path.isdir(staged(destdir, bindir)) else []
    tap.ok(installed == ['chainsmith', 'chainsmith-cli'], 'no other program (no test) is installed',
           ' '.join(installed))
    return files


def check_installed_contents(tap, destdir, files):
    desktop = staged(destdir, files['the desktop entry'])
    if shutil.which('desktop-file-validate') and os.path.isfile(desktop):
        result = run(['desktop-file-validate', desktop])
        tap.ok(result.returncode == 0 and not result.stdout.strip(),
               'the installed desktop entry validates', result.stdout + result.stderr)
    schema_dir = os.path.dirname(staged(destdir, files['the settings schema']))
    if shutil.which('glib-compile-schemas') and os.path.isdir(schema_dir):
        result = run(['glib-compile-schemas', '--strict', '--dry-run', schema_dir])
        tap.ok(result.returncode == 0, 'the installed schema compiles', result.stderr)
    mo = staged(destdir, files['the German translation'])
    if shutil.which('msgunfmt') and os.path.isfile(mo):
        text = run(['msgunfmt', '--no-wrap', mo]).stdout
        tap.ok('Language: de' in text and re.search(r'^msgstr "[^"]+', text, re.MULTILINE) is not None,
               'the installed German catalog holds German messages')


def check_install(tap, srcroot, buildroot):
    options = build_options(buildroot)
    destdir = tempfile.mkdtemp(prefix='chainsmith-install-')
    try:
        # --no-rebuild: meson test has built already, and a concurrent build stays undisturbed.
        result = run(['meson', 'install', '-C', buildroot, '--destdir', destdir,
                      '--no-rebuild', '--quiet'])
        if not tap.ok(result.returncode == 0, 'meson install --destdir succeeds',
                      result.stdout[-2000:] + result.stderr[-2000:]):
            return
        files = check_installed_files(tap, destdir, options)
        check_installed_contents(tap, destdir, files)
    finally:
        shutil.rmtree(destdir, ignore_errors=True)


CHECKS = {
    'potfiles': check_potfiles,
    'translations': check_translations,
    'icons': check_icons,
    'flatpak': check_flatpak,
    'install': check_install,
}


def main(argv):
    if len(argv) != 4 or argv[1] not in CHECKS:
        print(f"usage: {argv[0]} {{{'|'.join(CHECKS)}}} SRCROOT BUILDROOT", file=sys.stderr)
        return 2
    tap = Tap()
    CHECKS[argv[1]](tap, os.path.abspath(argv[2]), os.path.abspath(argv[3]))
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main(sys.argv))
