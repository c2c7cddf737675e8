"""The bundle file read back: what a consistent checksum cannot vouch for is checked too."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pkdesk.core.errors import InputError
from pkdesk.core.plan.file import plan_to_dict
from pkdesk.core.sync.bundle import (Bundle, BundlePlan, BundleRevision, decode_bundle,
                                     encode_bundle, new_bundle_id)
from pkdesk.core.sync.identity import revision_id
from tests.sync.support import sample_plan


def _bundle() -> Bundle:
    doc = plan_to_dict(sample_plan())
    rid = revision_id(doc, ())
    plan = BundlePlan(doc["plan"]["uid"], rid,
                      (BundleRevision(rid, (), "amina", "2026-01-01T00:00:00", "created", doc),))
    return Bundle(new_bundle_id(), "a" * 32, "2026-01-01T00:00:00Z", "0.1.0", None, (plan,))


def test_round_trip_plain_and_encrypted() -> None:
    bundle = _bundle()
    assert decode_bundle(encode_bundle(bundle), "b.pksync") == bundle
    assert decode_bundle(encode_bundle(bundle, "pässword".encode()), "b.pksync",
                         "pässword".encode()) == bundle
    with pytest.raises(InputError, match="not encrypted"):
        decode_bundle(encode_bundle(bundle), "b.pksync", b"x")


def test_a_revision_whose_content_does_not_match_its_id_is_refused() -> None:
    bundle = _bundle()
    [plan] = bundle.plans
    [rev] = plan.revisions
    forged = replace(rev, document={**rev.document, "plan": {**rev.document["plan"],
                                                             "notes": "changed"}})
    raw = encode_bundle(replace(bundle, plans=(replace(plan, revisions=(forged,)),)))
    with pytest.raises(InputError, match=r"revisions\[0\]: its id does not match its content"):
        decode_bundle(raw, "b.pksync")


def test_a_plan_listed_twice_or_a_bad_document_is_refused() -> None:
    bundle = _bundle()
    with pytest.raises(InputError, match="listed twice"):
        decode_bundle(encode_bundle(replace(bundle, plans=bundle.plans * 2)), "b.pksync")
    [plan] = bundle.plans
    doc = {**plan.revisions[0].document}
    doc["plan"] = {**doc["plan"], "host_consent": "maybe"}
    rid = revision_id(doc, ())
    bad = replace(plan, head=rid, revisions=(replace(plan.revisions[0], id=rid, document=doc),))
    with pytest.raises(InputError, match="host_consent"):
        decode_bundle(encode_bundle(replace(bundle, plans=(bad,))), "b.pksync")
