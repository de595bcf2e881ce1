"""The project's own files: version, licence, citation, changelog and the docs' links."""

import re
import tomllib

import pytest
import yaml
from casebuilder import REPO

import crosscase
from crosscase.cli.main import main


def test_version_option_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    # crosscase/__init__.py says __version__ = "0.1.0"; argparse prints "%(prog)s <version>"
    assert capsys.readouterr().out == f"crosscase {crosscase.__version__}\n"
    assert crosscase.__version__ == "0.1.0"


def test_one_version_everywhere():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    # pyproject takes the version from the package (one source of truth)
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "crosscase.__version__"}
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == crosscase.__version__
    assert citation["license"] == project["project"]["license"] == "MIT"
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    assert f"## [{crosscase.__version__}] - " in changelog


def test_licence_is_mit_with_the_copyright_holders():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the crosscase developers" in text


def test_readme_is_short_and_starts_with_the_two_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 10_500
    first_block = text.split("```")[1].strip().splitlines()
    assert [line.split()[:2] for line in first_block] == [["make", "run"], ["make", "test"]]


def github_anchors(path):
    """The heading anchors a code host makes: lower case, punctuation dropped, spaces to '-'."""
    anchors, seen = set(), {}
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{1,6}\s+(.*)", line)
        if heading:
            slug = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-")
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def test_github_anchor_rule_on_a_hand_made_heading(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("# The case list: `config/cases.tsv`\n## Tables 1–3\n## Tables 1–3\n", encoding="utf-8")
    # worked by hand: backticks, ':', '/', '.' and the en dash are dropped; a repeat gets -1
    assert github_anchors(page) == {"the-case-list-configcasestsv", "tables-13", "tables-13-1"}


def test_every_relative_link_in_the_docs_resolves():
    pages = [REPO / "README.md", REPO / "config" / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    broken = []
    for page in pages:
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
        for link in re.findall(r"\]\(([^)\s]+)\)", text):
            if link.startswith(("http://", "https://", "mailto:")):
                continue
            target, _, anchor = link.partition("#")
            path = (page.parent / target).resolve() if target else page
            if not path.exists():
                broken.append(f"{page.relative_to(REPO)}: {link} (no such file)")
            elif anchor and path.suffix == ".md" and anchor not in github_anchors(path):
                broken.append(f"{page.relative_to(REPO)}: {link} (no such heading)")
    assert broken == []


def test_the_ci_configuration_runs_shipped_cases_with_the_shipped_settings():
    test_dir = REPO / ".test"
    shipped = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    small = yaml.safe_load((test_dir / "config" / "config.yaml").read_text(encoding="utf-8"))
    # paths are relative to .test/, Snakemake's working directory there
    assert small.pop("cases") == "config/cases.tsv"
    assert (test_dir / small.pop("vocabulary")).resolve() == (REPO / shipped.pop("vocabulary")).resolve()
    shipped.pop("cases")
    assert small.pop("allow_external_paths") is True  # its case folders are outside .test/
    assert small == shipped
    cases = [line.split("\t") for line in (test_dir / "config" / "cases.tsv").read_text(encoding="utf-8").splitlines()]
    rows = [row for row in cases[1:] if not row[0].startswith("#")]
    assert [(row[0], row[3]) for row in rows] == [("CS1", "yes"), ("CS6", "yes"), ("MP1", "yes")]
    for case_id, _label, path, _include in rows:
        assert (test_dir / path).resolve() == (REPO / "data" / "raw" / case_id).resolve()


def table_width(row):
    """Cells of a Markdown table row; a | inside `code` or escaped as \\| is text."""
    row = re.sub(r"`[^`]*`", "``", row).replace("\\|", "")
    return row.strip().strip("|").count("|") + 1


def test_table_width_on_hand_made_rows():
    # counted by hand: three cells; a pipe in code or escaped does not split a cell
    assert table_width("| a | b | c |") == 3
    assert table_width("| `x|y` | b \\| c | d |") == 3


def test_every_docs_table_row_has_as_many_cells_as_its_header():
    pages = [REPO / "README.md", REPO / "config" / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    ragged = []
    for page in pages:
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
        header = None
        for number, line in enumerate(text.splitlines(), 1):
            if not line.startswith("|"):
                header = None
                continue
            if header is None:
                header = table_width(line)
            elif table_width(line) != header:
                ragged.append(f"{page.relative_to(REPO)}:{number}: {table_width(line)} cells, header has {header}")
    assert ragged == []
