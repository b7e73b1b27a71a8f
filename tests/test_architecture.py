"""The shape ARCHITECTURE.md asks for: pure steps, one I/O module, thin flow."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STEPS = sorted((ROOT / "flows" / "steps").rglob("*.py"))
# the one loader of the lexicon's data files, which ship inside the package: it reads them through
# importlib.resources and nothing else
RESOURCE_LOADER = ROOT / "flows" / "steps" / "lexicon.py"
FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "unlink", "rmtree"}


def _imports(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names | {n.split(".")[0] for n in names}


@pytest.mark.parametrize("path", STEPS, ids=[p.relative_to(ROOT).as_posix() for p in STEPS])
def test_steps_import_neither_prefect_nor_io_libraries(path):
    imported = _imports(ast.parse(path.read_text(encoding="utf-8")))
    assert not imported & {"prefect", "great_expectations", "shutil", "tempfile", "pyarrow.parquet"}, imported


@pytest.mark.parametrize("path", STEPS, ids=[p.relative_to(ROOT).as_posix() for p in STEPS])
def test_steps_touch_no_files(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
             for node in ast.walk(tree) if isinstance(node, ast.Call)}
    if path == RESOURCE_LOADER:
        imported = _imports(tree)
        assert "importlib.resources" in imported and not imported & {"pathlib", "os", "io"}, imported
        calls -= {"read_text"}
    assert not calls & FILE_CALLS, calls & FILE_CALLS


def test_only_io_module_writes_parquet():
    writers = [p.relative_to(ROOT).as_posix() for p in (ROOT / "flows").rglob("*.py")
               if "write_table(" in p.read_text(encoding="utf-8")]
    assert writers == ["flows/io.py"]


# the attribution code - the parse and its attribute ruler, the entity pre-pass and everything under attribute/,
# the surface rules included: no function over 60 lines, no sieve module over 80 lines of code
ATTRIBUTION = [ROOT / "flows" / "steps" / p for p in ("parse.py", "indexed_ruler.py", "entities.py")] + sorted(
    (ROOT / "flows" / "steps" / "attribute").rglob("*.py"))
# the header zone and boilerplate (issue 10) are held to the same rule
HEADER_AND_BOILERPLATE = [ROOT / "flows" / "steps" / p for p in ("clean.py", "header.py", "header_features.py",
                                                                 "boilerplate.py", "markup.py", "furniture.py",
                                                                 "recurrence.py", "lexicon.py")]


@pytest.mark.parametrize("path", ATTRIBUTION + HEADER_AND_BOILERPLATE,
                         ids=[p.relative_to(ROOT).as_posix() for p in ATTRIBUTION + HEADER_AND_BOILERPLATE])
def test_attribution_functions_are_short(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [(n.name, n.end_lineno - n.lineno + 1) for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > 60]
    assert not long, long
