"""signpost.yamlimport: PyYAML is imported without compiling the pure-Python reader's
character check up front, and behaves exactly as before. Each check runs in a fresh
interpreter, since this one has imported yaml long ago."""

import subprocess
import sys

from conftest import ROOT


def fresh(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_pattern_is_not_compiled_on_import_and_nothing_is_left_in_re_s_cache():
    out = fresh(
        "import re\n"
        "import signpost.yamlfile, yaml\n"
        "from signpost.yamlimport import CompiledOnUse\n"
        "check = yaml.reader.Reader.NON_PRINTABLE\n"
        "print(type(check).__name__, check._compiled)\n"
        "print([k for n in ('_cache', '_cache2') for k, v in getattr(re, n, {}).items()\n"
        "       if isinstance(v, CompiledOnUse)])\n"
    )
    # If PyYAML spells its pattern differently one day, the first line says Pattern:
    # update signpost.yamlimport.NON_PRINTABLE from yaml/reader.py.
    assert out == "CompiledOnUse None\n[]\n"


def test_the_pure_python_reader_still_refuses_control_characters():
    out = fresh(
        "import signpost.yamlfile, yaml\n"
        "try:\n    yaml.load('a: b\\x07', Loader=yaml.SafeLoader)\n"
        "except yaml.reader.ReaderError as exc:\n    print(exc)\n"
        "print(yaml.load('a: b', Loader=yaml.SafeLoader))\n"
        "print(yaml.reader.Reader.NON_PRINTABLE.search('ok\\x07').start())\n"
    )
    assert out == (
        "unacceptable character #x0007: special characters are not allowed\n"
        '  in "<unicode string>", position 4\n'
        "{'a': 'b'}\n"
        "2\n"
    )


def test_a_yaml_already_imported_is_left_alone():
    out = fresh(
        "import yaml\n"
        "from signpost.yamlimport import import_yaml\n"
        "print(import_yaml() is yaml, type(yaml.reader.Reader.NON_PRINTABLE).__name__)\n"
    )
    assert out == "True Pattern\n"
