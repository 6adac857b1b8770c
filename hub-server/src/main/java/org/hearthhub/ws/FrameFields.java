package org.hearthhub.ws;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of a parsed frame object, in the order they came, as names and values side by side in one
 * array. A frame has a handful of fields; a {@code LinkedHashMap} made a table and an entry object for
 * each, the largest part of what parsing a chat message left behind (History 24 in
 * docs/benchmark-history.md). Lookups compare names one by one, so {@link FrameJson} keeps objects of more
 * than {@link #FEW} fields in an ordinary map: a client cannot make a frame cost quadratic time.
 */
final class FrameFields extends AbstractMap<String, Object> {
    /** Up to this many fields an object is read into these arrays. */
    static final int FEW = 8;

    /** Name, value, name, value, …; room for four fields, which most frames have, then twice as many. */
    private Object[] pairs = new Object[8];
    private int size;

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public Object get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : pairs[i + 1];
    }

    @Override
    public Object put(String name, Object value) {
        if (name == null) throw new NullPointerException("a field's name");
        int i = indexOf(name);
        if (i >= 0) {
            Object before = pairs[i + 1];
            pairs[i + 1] = value;
            return before;
        }
        if (2 * size == pairs.length) pairs = Arrays.copyOf(pairs, 2 * pairs.length);
        pairs[2 * size] = name;
        pairs[2 * size + 1] = value;
        size++;
        return null;
    }

    @Override
    public Object remove(Object name) {
        int i = indexOf(name);
        if (i < 0) return null;
        Object before = pairs[i + 1];
        removeAt(i);
        return before;
    }

    @Override
    public void clear() {
        Arrays.fill(pairs, 0, 2 * size, null);
        size = 0;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < 2 * size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) throw new NoSuchElementException();
                        last = next;
                        next += 2;
                        return new Field(last);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) throw new IllegalStateException();
                        removeAt(last);
                        next = last;
                        last = -1;
                    }
                };
            }
        };
    }

    private int indexOf(Object name) {
        for (int i = 0; i < 2 * size; i += 2) {
            // Names the parser read come from its table of names, so most matches are the same string.
            if (pairs[i] == name || pairs[i].equals(name)) return i;
        }
        return -1;
    }

    private void removeAt(int i) {
        System.arraycopy(pairs, i + 2, pairs, i, 2 * size - i - 2);
        size--;
        pairs[2 * size] = null;
        pairs[2 * size + 1] = null;
    }

    /** One field, read and written through to the arrays. */
    private final class Field implements Entry<String, Object> {
        private final int at;

        Field(int at) {
            this.at = at;
        }

        @Override
        public String getKey() {
            return (String) pairs[at];
        }

        @Override
        public Object getValue() {
            return pairs[at + 1];
        }

        @Override
        public Object setValue(Object value) {
            Object before = pairs[at + 1];
            pairs[at + 1] = value;
            return before;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && getKey().equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return getKey().hashCode() ^ Objects.hashCode(getValue());
        }
    }
}
