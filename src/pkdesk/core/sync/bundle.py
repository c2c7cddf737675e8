"""The sync bundle file (``.pksync``): plans and revisions one store hands another.

Layout: one line of JSON, the header, then the payload::

    {"format": "pkdesk.sync", "version": 1, "pkdesk": "0.1.0", "bundle": ID,
     "encryption": null | {...}, "length": N, "sha256": HEX}\\n
    PAYLOAD (N bytes)

The payload is the content, zlib-compressed, JSON: the manifest (format, version, pkdesk
version, bundle id, source store id, created, since) and the plans, each with its revisions
(id, parents, author, created, summary, document), parents before children. Version 2 adds
``deletions``: for each plan ever deleted or undeleted at the source, whether it is deleted
there now, how many deletions and undeletions the source knows of (``seq``) and the plan's
revision then (``head``). A bundle without deletions is still written as version 1, which
every pkdesk reads; an older pkdesk refuses a version 2 bundle rather than apply it without
its deletions. ``sha256`` is
the checksum over the header (without ``sha256``) and the payload: one byte changed or cut
anywhere and the bundle is refused before anything is read from it.

With a passphrase, the compressed content is encrypted with AES-256-GCM under a key derived
from the passphrase by scrypt (N=2^15, r=8, p=1, a random 16-byte salt; a random 96-bit
nonce), the header as associated data: a wrong passphrase or any change fails the GCM tag,
and the bundle is refused. Both are standard constructions (RFC 7914, NIST SP 800-38D) from
the ``cryptography`` package; pkdesk adds none of its own.

Every revision's id is recomputed from its document and parents (``identity``) and every
document read as a plan, so a bundle cannot smuggle in a revision under another's name.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pkdesk import __version__
from pkdesk.core.errors import InputError
from pkdesk.core.jsonload import load_bounded_json
from pkdesk.core.sync.identity import is_revision_id, ordered_parents, revision_id

FORMAT = "pkdesk.sync"
VERSION = 2                        # the newest this pkdesk reads and writes
PLAIN_VERSION = 1                  # written when a bundle carries no deletions
SUFFIX = ".pksync"
MAX_HEADER_BYTES = 4096
MAX_BUNDLE_BYTES = 128 * 2**20
MAX_CONTENT_BYTES = 256 * 2**20
MAX_DEPTH = 80                     # a plan document's 64 levels, inside the bundle's own
MAX_PASSPHRASE_BYTES = 4096
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
CIPHER = "AES-256-GCM"


@dataclass(frozen=True)
class BundleRevision:
    id: str
    parents: tuple[str, ...]
    author: str
    created: str                     # as the source's clock said: shown, never ordered by
    summary: str
    document: dict[str, Any]


@dataclass(frozen=True)
class BundlePlan:
    uid: str
    head: str                        # the source's current revision of the plan
    revisions: tuple[BundleRevision, ...]


@dataclass(frozen=True)
class BundleDeletion:
    """A plan's deletion state at the source (a tombstone when ``deleted``)."""

    uid: str
    deleted: bool
    seq: int                         # deletions and undeletions the source knows of
    head: str                        # the plan's current revision at the source


@dataclass(frozen=True)
class Bundle:
    id: str
    source_store: str
    created: str
    pkdesk: str
    since: str | None
    plans: tuple[BundlePlan, ...]
    deletions: tuple[BundleDeletion, ...] = ()

    @property
    def version(self) -> int:
        return VERSION if self.deletions else PLAIN_VERSION


def new_bundle_id() -> str:
    return os.urandom(16).hex()


def read_passphrase_file(path: Path) -> bytes:
    """The passphrase in a file: its first line, without the line end; not empty."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_PASSPHRASE_BYTES + 1)
    except IsADirectoryError:
        raise InputError(f"passphrase file {path} is a folder") from None
    except OSError as exc:
        raise InputError(f"cannot read passphrase file {path}: {exc.strerror}") from None
    if len(raw) > MAX_PASSPHRASE_BYTES:
        raise InputError(f"passphrase file {path}: longer than {MAX_PASSPHRASE_BYTES} bytes")
    line = raw.split(b"\n", 1)[0].rstrip(b"\r")
    if not line:
        raise InputError(f"passphrase file {path}: the first line is empty")
    return line


def _header_bytes(header: dict[str, Any]) -> bytes:
    return json.dumps({k: v for k, v in header.items() if k != "sha256"}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _key(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase)


def _revision_dict(r: BundleRevision) -> dict[str, Any]:
    return {"id": r.id, "parents": list(r.parents), "author": r.author, "created": r.created,
            "summary": r.summary, "document": r.document}


def encode_bundle(bundle: Bundle, passphrase: bytes | None = None) -> bytes:
    manifest = {"format": FORMAT, "version": bundle.version, "pkdesk": bundle.pkdesk,
                "bundle": bundle.id, "source_store": bundle.source_store,
                "created": bundle.created, "since": bundle.since}
    content = {"manifest": manifest,
               "plans": [{"uid": p.uid, "head": p.head,
                          "revisions": [_revision_dict(r) for r in p.revisions]}
                         for p in bundle.plans]}
    if bundle.deletions:
        content["deletions"] = [{"uid": d.uid, "deleted": d.deleted, "seq": d.seq,
                                 "head": d.head} for d in bundle.deletions]
    payload = zlib.compress(json.dumps(content, ensure_ascii=False, separators=(",", ":"),
                                       allow_nan=False).encode("utf-8"), 6)
    header: dict[str, Any] = {"format": FORMAT, "version": bundle.version,
                              "pkdesk": bundle.pkdesk,
                              "bundle": bundle.id, "encryption": None}
    if passphrase is not None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt, nonce = os.urandom(16), os.urandom(12)
        header["encryption"] = {"cipher": CIPHER, "kdf": "scrypt", "n": SCRYPT_N,
                                "r": SCRYPT_R, "p": SCRYPT_P,
                                "salt": base64.b64encode(salt).decode("ascii"),
                                "nonce": base64.b64encode(nonce).decode("ascii")}
        header["length"] = len(payload) + 16
        key = _key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        payload = AESGCM(key).encrypt(nonce, payload, _header_bytes(header))
    else:
        header["length"] = len(payload)
    header["sha256"] = hashlib.sha256(_header_bytes(header) + b"\n" + payload).hexdigest()
    return json.dumps(header, separators=(",", ":"), ensure_ascii=True).encode("ascii") \
        + b"\n" + payload


def read_header(raw: bytes, name: str) -> dict[str, Any]:
    """The bundle's header, its format and version checked (a newer format is refused with
    the pkdesk version it needs); the checksum is ``decode_bundle``'s."""
    line, sep, _ = raw[:MAX_HEADER_BYTES + 1].partition(b"\n")
    if not sep:
        raise InputError(f"{name}: not a pkdesk sync bundle (no header line)"
                         if raw[:1] == b"{" or not raw else
                         f"{name}: not a pkdesk sync bundle")
    try:
        header = json.loads(line.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise InputError(f"{name}: not a pkdesk sync bundle, or its header is damaged") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InputError(f"{name}: not a pkdesk sync bundle (format is not {FORMAT!r})")
    version = header.get("version")
    if type(version) is not int or version < 1:
        raise InputError(f"{name}: damaged bundle header (version {str(version)[:20]!r})")
    if version > VERSION:
        writer = header.get("pkdesk")
        needed = writer if isinstance(writer, str) and len(writer) < 40 else "a newer one"
        raise InputError(f"{name}: bundle format version {version} was written by pkdesk "
                         f"{needed}; this pkdesk ({__version__}) reads version {VERSION}: "
                         f"install pkdesk {needed} or newer to import it")
    for key, kind in (("bundle", str), ("length", int), ("sha256", str), ("pkdesk", str)):
        if not isinstance(header.get(key), kind):
            raise InputError(f"{name}: damaged bundle header ({key})")
    return header


def bundle_id_of(raw: bytes, name: str) -> str:
    return str(read_header(raw, name)["bundle"])


def decode_bundle(raw: bytes, name: str, passphrase: bytes | None = None) -> Bundle:
    """Everything checked before anything is used: header, length, checksum, passphrase,
    content, every revision's id and document. One InputError line naming ``name`` else."""
    if len(raw) > MAX_BUNDLE_BYTES + MAX_HEADER_BYTES:
        raise InputError(f"{name}: larger than the {MAX_BUNDLE_BYTES // 2**20} MiB a sync "
                         "bundle may be")
    header = read_header(raw, name)
    payload = raw.partition(b"\n")[2]
    length = int(header["length"])
    if len(payload) < length:
        raise InputError(f"{name}: the bundle is truncated ({len(payload):,} of {length:,} "
                         "bytes); nothing was imported")
    if len(payload) > length:
        raise InputError(f"{name}: the bundle has {len(payload) - length:,} bytes more than "
                         "its header says; nothing was imported")
    if hashlib.sha256(_header_bytes(header) + b"\n" + payload).hexdigest() != header["sha256"]:
        raise InputError(f"{name}: the bundle is damaged (its SHA-256 checksum does not "
                         "match); nothing was imported")
    encryption = header.get("encryption")
    if encryption is not None:
        payload = _decrypt(header, encryption, payload, name, passphrase)
    elif passphrase is not None:
        raise InputError(f"{name}: this bundle is not encrypted; import it without "
                         "--passphrase-file")
    try:
        inflater = zlib.decompressobj()
        content = inflater.decompress(payload, MAX_CONTENT_BYTES + 1)
        if len(content) > MAX_CONTENT_BYTES or inflater.unconsumed_tail:
            raise InputError(f"{name}: the bundle's content is larger than "
                             f"{MAX_CONTENT_BYTES // 2**20} MiB")
        if not inflater.eof:
            raise zlib.error("incomplete")
    except zlib.error:
        raise InputError(f"{name}: the bundle's content is damaged") from None
    doc = load_bounded_json(content, name, max_bytes=MAX_CONTENT_BYTES, max_depth=MAX_DEPTH,
                            what="sync bundle")
    try:
        return _bundle(doc, header)
    except (InputError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{name}: {str(exc)[:300]}") from None


def _decrypt(header: dict[str, Any], enc: Any, payload: bytes, name: str,
             passphrase: bytes | None) -> bytes:
    if passphrase is None:
        raise InputError(f"{name}: the bundle is encrypted: give its passphrase "
                         "(--passphrase-file FILE)")
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        if not isinstance(enc, dict) or enc.get("cipher") != CIPHER or enc.get("kdf") != "scrypt":
            raise ValueError("unknown encryption")
        n, r, p = int(enc["n"]), int(enc["r"]), int(enc["p"])
        if not (2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("scrypt parameters out of bounds")
        salt = base64.b64decode(enc["salt"], validate=True)
        nonce = base64.b64decode(enc["nonce"], validate=True)
        key = _key(passphrase, salt, n, r, p)
        return AESGCM(key).decrypt(nonce, payload, _header_bytes(header))
    except InvalidTag:
        raise InputError(f"{name}: wrong passphrase, or the bundle was changed; nothing was "
                         "imported") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{name}: damaged encryption header ({str(exc)[:80]})") from None


def _text(d: dict[str, Any], key: str, where: str, max_chars: int = 10_000) -> str:
    value = d.get(key, "")
    if not isinstance(value, str) or len(value) > max_chars:
        raise InputError(f"{where}.{key}: expected text")
    return value


def _bundle(doc: Any, header: dict[str, Any]) -> Bundle:
    from pkdesk.core.plan.file import plan_from_dict
    from pkdesk.core.plan.values import check_uid

    if not isinstance(doc, dict) or not isinstance(doc.get("manifest"), dict):
        raise InputError("the bundle has no manifest")
    manifest = doc["manifest"]
    if (manifest.get("format"), manifest.get("version"), manifest.get("bundle")) != (
            FORMAT, header["version"], header["bundle"]):
        raise InputError("the manifest does not match the bundle's header")
    since = manifest.get("since")
    if since is not None and not isinstance(since, str):
        raise InputError("manifest.since: expected a bundle id")
    plans_doc = doc.get("plans")
    if not isinstance(plans_doc, list):
        raise InputError("plans: expected a list")
    plans: list[BundlePlan] = []
    for i, p in enumerate(plans_doc):
        where = f"plans[{i}]"
        if not isinstance(p, dict) or not isinstance(p.get("revisions"), list):
            raise InputError(f"{where}: expected a plan with its revisions")
        uid = check_uid(p.get("uid"), f"{where}.uid")
        head = p.get("head")
        if not is_revision_id(head):
            raise InputError(f"{where}.head: expected a revision id")
        revisions = []
        for j, r in enumerate(p["revisions"]):
            rwhere = f"{where}.revisions[{j}]"
            if not isinstance(r, dict):
                raise InputError(f"{rwhere}: expected a revision")
            parents = r.get("parents")
            if not isinstance(parents, list) or len(parents) > 2 or not all(
                    is_revision_id(x) for x in parents):
                raise InputError(f"{rwhere}.parents: expected at most two revision ids")
            document = r.get("document")
            if not isinstance(document, dict):
                raise InputError(f"{rwhere}.document: expected a plan document")
            rid = r.get("id")
            if rid != revision_id(document, parents):
                raise InputError(f"{rwhere}: its id does not match its content")
            try:
                plan = plan_from_dict(document, repair_text=True)
            except InputError as exc:
                raise InputError(f"{rwhere}.document: {exc}") from None
            if plan.uid != uid:
                raise InputError(f"{rwhere}.document: the plan's uid is not {uid}")
            revisions.append(BundleRevision(str(rid), ordered_parents(parents),
                                            _text(r, "author", rwhere),
                                            _text(r, "created", rwhere, 64),
                                            _text(r, "summary", rwhere), document))
        if any(q.uid == uid for q in plans):
            raise InputError(f"{where}.uid: plan {uid} is listed twice")
        plans.append(BundlePlan(uid, str(head), tuple(revisions)))
    return Bundle(str(header["bundle"]), _text(manifest, "source_store", "manifest", 64),
                  _text(manifest, "created", "manifest", 64),
                  _text(manifest, "pkdesk", "manifest", 40), since, tuple(plans),
                  _deletions(doc.get("deletions", []) if header["version"] >= 2 else []))


def _deletions(items: Any) -> tuple[BundleDeletion, ...]:
    from pkdesk.core.plan.values import check_uid

    if not isinstance(items, list):
        raise InputError("deletions: expected a list")
    out: list[BundleDeletion] = []
    for i, d in enumerate(items):
        where = f"deletions[{i}]"
        if not isinstance(d, dict):
            raise InputError(f"{where}: expected a plan's deletion state")
        uid = check_uid(d.get("uid"), f"{where}.uid")
        deleted, seq, head = d.get("deleted"), d.get("seq"), d.get("head")
        if not isinstance(deleted, bool):
            raise InputError(f"{where}.deleted: expected true or false")
        if type(seq) is not int or not 1 <= seq < 2**31:
            raise InputError(f"{where}.seq: expected a count from 1")
        if not is_revision_id(head):
            raise InputError(f"{where}.head: expected a revision id")
        if any(o.uid == uid for o in out):
            raise InputError(f"{where}.uid: plan {uid} is listed twice")
        out.append(BundleDeletion(uid, deleted, seq, str(head)))
    return tuple(out)


def read_bundle_file(path: Path) -> bytes:
    """A bundle file's bytes (at most the largest a bundle may be, and one more); InputError
    naming the file when it cannot be read or is larger."""
    from pkdesk.core.inputfile import open_regular
    from pkdesk.core.jsonload import read_capped

    limit = MAX_BUNDLE_BYTES + MAX_HEADER_BYTES
    try:
        with open_regular(path, "sync bundle") as fh:
            raw, size = read_capped(fh, limit)
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a sync bundle") from None
    except OSError as exc:
        raise InputError(f"cannot read sync bundle {path}: {exc.strerror}") from None
    if size is not None:
        raise InputError(f"{path.name}: larger than the {MAX_BUNDLE_BYTES // 2**20} MiB a "
                         "sync bundle may be")
    return raw
