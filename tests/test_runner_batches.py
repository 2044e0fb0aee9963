"""How a build's documents are cut into batches for the workers (geo.runner._batches)."""

from geo.docwork import DocTask
from geo.runner import _batches


def tasks(sizes):
    return [DocTask(f"doc{i}.txt", (), size) for i, size in enumerate(sizes)]


def test_several_workers_get_the_biggest_documents_first_and_every_document_once():
    sizes = [5, 400, 20, 300, 7, 90, 1000, 3]
    batches = list(_batches(list(range(len(sizes))), tasks(sizes), workers=2))
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(sizes)))
    assert flat[0] == 6 and flat[1] == 1            # 1000 then 400
    assert len(batches) > 2                         # shared out, not one batch per worker


def test_one_worker_keeps_file_order():
    sizes = [5, 400, 20, 300]
    flat = [i for b in _batches([0, 1, 2, 3], tasks(sizes)) for i in b]
    assert flat == [0, 1, 2, 3]
