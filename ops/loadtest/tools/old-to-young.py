#!/usr/bin/env python3
"""Which old objects point at young ones: what G1 must scan at every young pause (docs/benchmarks.md, Profiling).

usage: old-to-young.py HEAP.hprof REGIONS.txt

HEAP.hprof is a heap dump written by the serviceability agent (its object ids are addresses) and REGIONS.txt
the output of clhsdb's g1regiondetails, both from one core file, so they describe the same instant. For each
reference from an object in an old or humongous region to one in an eden or survivor region, the holder's
class and field are counted, with the distinct 512-byte cards they sit on and the classes they point at.
Only the standard library; a 600 MB dump takes about 20 s.
"""
import collections
import mmap
import sys

SIZES = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}  # HPROF basic types; 2 is a reference
YOUNG = ('Eden', 'Survivor')
OLD = ('Old', 'StartsHumongous', 'ContinuesHumongous', 'Archive')


def read_regions(path):
    kinds = {}
    for line in open(path):
        if line.startswith('Region:'):
            bounds, kind = line.split(':')[1].strip(), line.strip().split(':')[-1]
            start, _top, end = (int(x, 16) for x in bounds.split(','))
            kinds[(start, end)] = kind
    base = min(s for s, _ in kinds)
    by_index = {}
    for (start, end), kind in kinds.items():
        for r in range((start - base) >> 20, (end - base + (1 << 20) - 1) >> 20):
            by_index[r] = kind
    return lambda addr: by_index.get((addr - base) >> 20) if addr >= base else None


class Dump:
    """Just enough of HPROF 1.0.2 with 8-byte ids: strings, class names and layouts, and the heap's objects."""

    def __init__(self, path):
        f = open(path, 'rb')
        self.m = m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        p = m.find(b'\0') + 1
        assert self.u4(p) == 8, 'only 8-byte identifiers'
        p += 12
        self.strings, self.names, self.supers, self.fields, self.segments, self.layouts = {}, {}, {}, {}, [], {}
        while p < len(m):
            tag, body, length = m[p], p + 9, self.u4(p + 5)
            if tag == 0x01:
                self.strings[self.u8(body)] = m[body + 8:body + length].decode('utf8', 'replace')
            elif tag == 0x02:
                self.names[self.u8(body + 4)] = self.u8(body + 16)
            elif tag in (0x0C, 0x1C):
                self.segments.append((body, body + length))
            p = body + length
        for start, end in self.segments:
            q = start
            while q < end:
                q = self.skip(q, True)

    def u4(self, o):
        return int.from_bytes(self.m[o:o + 4], 'big')

    def u8(self, o):
        return int.from_bytes(self.m[o:o + 8], 'big')

    def skip(self, q, read_classes=False):
        """The position after the sub-record at q (reading a class dump's layout when asked)."""
        m, t = self.m, self.m[q]
        q += 1
        if t in (0xFF, 0x05, 0x07):
            return q + 8
        if t in (0x01, 0x02, 0x03, 0x08):
            return q + 16
        if t in (0x04, 0x06):
            return q + 12
        if t == 0x20:
            cid, sup = self.u8(q), self.u8(q + 12)
            q += 8 + 4 + 8 * 6 + 4
            n = int.from_bytes(m[q:q + 2], 'big')  # constant pool
            q += 2
            for _ in range(n):
                q += 3 + SIZES[m[q + 2]]
            n = int.from_bytes(m[q:q + 2], 'big')  # static fields
            q += 2
            for _ in range(n):
                q += 9 + SIZES[m[q + 8]]
            n = int.from_bytes(m[q:q + 2], 'big')
            q += 2
            fields = []
            for _ in range(n):
                fields.append((self.u8(q), m[q + 8]))
                q += 9
            if read_classes:
                self.supers[cid], self.fields[cid] = sup, fields
            return q
        if t == 0x21:
            return q + 24 + self.u4(q + 20)
        if t == 0x22:
            return q + 24 + 8 * self.u4(q + 12)
        if t == 0x23:
            return q + 17 + SIZES[m[q + 16]] * self.u4(q + 12)
        raise ValueError('unknown heap dump sub-record 0x%x' % t)

    def name(self, cid):
        return self.strings.get(self.names.get(cid), '?%x' % cid)

    def references(self, cid):
        """(offset, Class.field) of an instance's reference fields, its own and its superclasses'."""
        if cid not in self.layouts:
            offset, refs, c = 0, [], cid
            while c:
                for name, kind in self.fields.get(c, []):
                    if kind == 2:
                        refs.append((offset, self.name(c).split('/')[-1] + '.' + self.strings.get(name, '?')))
                    offset += SIZES[kind]
                c = self.supers.get(c, 0)
            self.layouts[cid] = refs
        return self.layouts[cid]

    def objects(self):
        """(address, 'instance'|'array'|'primitive', class id, data start, data end) of every object."""
        m = self.m
        for start, end in self.segments:
            q = start
            while q < end:
                t = m[q]
                if t == 0x21:
                    n = self.u4(q + 21)
                    yield self.u8(q + 1), 'instance', self.u8(q + 13), q + 25, q + 25 + n
                    q += 25 + n
                elif t == 0x22:
                    n = self.u4(q + 13)
                    yield self.u8(q + 1), 'array', self.u8(q + 17), q + 25, q + 25 + 8 * n
                    q += 25 + 8 * n
                elif t == 0x23:
                    n = SIZES[m[q + 17]] * self.u4(q + 13)
                    yield self.u8(q + 1), 'primitive', 0, q + 18, q + 18 + n
                    q += 18 + n
                else:
                    q = self.skip(q)


def main(dump_path, regions_path):
    region, dump = read_regions(regions_path), Dump(dump_path)
    young_class, edges = {}, []
    for addr, kind, cid, start, end in dump.objects():
        where = region(addr)
        if where in YOUNG:
            young_class[addr] = dump.name(cid) if kind != 'primitive' else 'primitive array'
        elif where in OLD and kind == 'instance':
            for offset, field in dump.references(cid):
                target = int.from_bytes(dump.m[start + offset:start + offset + 8], 'big')
                if target and region(target) in YOUNG:
                    edges.append((addr, field, target))
        elif where in OLD and kind == 'array':
            holder = dump.name(cid) + '[]'
            for i in range((end - start) // 8):
                target = int.from_bytes(dump.m[start + 8 * i:start + 8 * i + 8], 'big')
                if target and region(target) in YOUNG:
                    edges.append((addr + 16 + 4 * i, holder, target))
    refs, cards, targets = collections.Counter(), collections.defaultdict(set), collections.defaultdict(collections.Counter)
    for addr, holder, target in edges:
        refs[holder] += 1
        cards[holder].add(addr >> 9)
        targets[holder][young_class.get(target, '?') + ' (' + region(target).lower() + ')'] += 1
    print('%d young objects; %d references to them from old ones, on %d cards'
          % (len(young_class), len(edges), len(set(a >> 9 for a, _, _ in edges))))
    for holder, n in refs.most_common(30):
        print('%8d refs %6d cards  %s -> %s' % (n, len(cards[holder]), holder,
                                                ', '.join('%s %d' % kv for kv in targets[holder].most_common(3))))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
