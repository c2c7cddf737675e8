from pytestqt.modeltest import ModelTester
from PySide6.QtCore import QModelIndex, Qt

from pkdesk.store.db import Database
from pkdesk.core.reference import TreeEntry
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.ui.reference.reference_model import NODE_ID_ROLE, ReferenceTreeModel


def test_tree_model_passes_the_model_tester(qtmodeltester: ModelTester, db: Database) -> None:
    model = ReferenceTreeModel(*ReferenceRepository(db).tree())
    qtmodeltester.check(model, force_py=True)


def test_empty_tree_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(ReferenceTreeModel(), force_py=True)


def test_tree_follows_the_corpus_order_and_nesting(db: Database) -> None:
    model = ReferenceTreeModel(*ReferenceRepository(db).tree())
    roots = [model.index(r, 0).data(NODE_ID_ROLE) for r in range(model.rowCount())]
    assert roots[0] == "introduction" and roots[-1] == "conclusion"
    principles = model.index_of("principles")
    children = [model.index(r, 0, principles).data(NODE_ID_ROLE)
                for r in range(model.rowCount(principles))]
    assert children == ["principles.consent", "principles.impartiality-and-non-use-of-force",
                        "principles.impartiality", "principles.non-use-of-force"]
    impartiality = model.index_of("principles.impartiality")
    assert impartiality.data() == "Impartiality" and impartiality.row() == 2
    assert model.node_id(impartiality.parent()) == "principles"
    assert model.parent(principles) == QModelIndex()
    assert model.index_of("no-such-node") == QModelIndex()


def test_noted_nodes_are_marked_and_reported_as_changed(qtmodeltester: ModelTester) -> None:
    entries = {"a": TreeEntry("a", "Alpha", "section", None, ("b",)),
               "b": TreeEntry("b", "Beta <b>", "section", "a", ())}
    model = ReferenceTreeModel(["a"], entries)
    qtmodeltester.check(model, force_py=True)
    changed: list[str] = []
    model.dataChanged.connect(lambda first, _last, _roles: changed.append(model.node_id(first)))
    model.set_noted({"b"})
    assert changed == ["b"]
    b = model.index_of("b")
    assert b.data() != "Beta <b>" and b.data().startswith("Beta <b>")
    assert "has a note" in b.data(Qt.ItemDataRole.ToolTipRole)
    model.set_noted(set())
    assert b.data() == "Beta <b>"
