#!/usr/bin/env python3
"""Scales the real paper lists to a large corpus whose vocabulary keeps growing
like real text's, to measure the text index's memory where the generated demo
corpus cannot (its vocabulary stops at ~17k terms; real text has millions).

usage: real_vocab_corpus.py OUT COPIES SHARE PAPERLIST_DIR...

Copy 0 is the real lists. Each further copy k renames a deterministic SHARE of
the word types longer than four letters (per type and copy: "models" ->
"modelszqb") in titles, abstracts
and keywords, and gives every author a copy-specific surname and ids, so the
copies are new works by new people whose text keeps the real co-occurrence
structure; the rest of each copy's vocabulary is shared with the others.
Choose SHARE so the copies' distinct terms match `graph_bench terms`'s Heaps
fit on the real graph at the corpus's size. Files keep their venue-year names
(OUT/cNN/iclr2019.json.gz). The data is read at run time, never copied into
the repository.
"""
import gzip
import hashlib
import json
import os
import re
import sys

WORD = re.compile(r"[A-Za-z]+")


def suffix(k):
    return "zq" + chr(ord("a") + k % 26) + chr(ord("a") + k // 26 % 26)


def renamer(k, share):
    if k == 0:
        return lambda text: text
    cut = int(share * 2**64)
    cache = {}
    sfx = suffix(k)

    def rename(match):
        word = match.group(0)
        if len(word) <= 4:  # keeps stop words stop words, and the token count real
            return word
        lower = word.lower()
        hit = cache.get(lower)
        if hit is None:
            digest = hashlib.blake2b(f"{k}:{lower}".encode(), digest_size=8).digest()
            hit = cache[lower] = int.from_bytes(digest, "little") < cut
        return word + sfx if hit else word

    return lambda text: WORD.sub(rename, text) if isinstance(text, str) else text


def per_author(value, fn):
    if not isinstance(value, str) or not value:
        return value
    return "; ".join(fn(part.strip()) for part in value.split(";"))


def copy_record(record, k, rename):
    if k == 0:
        return record
    sfx = suffix(k)
    out = dict(record)
    for field in ("title", "abstract", "keywords", "tldr", "primary_area"):
        if field in out:
            out[field] = rename(out[field])
    if out.get("id"):  # an empty id stays empty: the reader then keys the paper by its title
        out["id"] = f"{out['id']}-{sfx}"
    for field in ("author", "authors"):
        if field in out:
            out[field] = per_author(out[field], lambda name: name + sfx if name else name)
    if "authorids" in out:
        out["authorids"] = per_author(out["authorids"], lambda i: i + sfx if i else i)
    return out


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    out_dir, copies, share = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    files = []
    for d in sys.argv[4:]:
        files += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith((".json", ".json.gz"))]
    works = 0
    for k in range(copies):
        rename = renamer(k, share)
        target = os.path.join(out_dir, f"c{k:02d}")
        os.makedirs(target, exist_ok=True)
        for path in files:
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as f:
                records = json.load(f)
            name = os.path.basename(path)
            if not name.endswith(".gz"):
                name += ".gz"
            with gzip.open(os.path.join(target, name), "wt", encoding="utf-8", compresslevel=1) as f:
                json.dump([copy_record(r, k, rename) for r in records], f)
            works += len(records)
        print(f"copy {k + 1}/{copies}: {works} works", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
