#!/usr/bin/python3
"""A host of libtolk.so through Python's ctypes: looks a term up and fuzzy-matches a segment.

    lookup.py LIBTOLK TERMBASE_DIR QUERY [TM_DIR SEGMENT FROM TO]

Prints the JSON answers, one per line. Exit code 0 found, 1 not found, 2 error.
"""
import ctypes
import json
import sys

TOLK_OK, TOLK_NOT_FOUND = 0, 1


def load(path):
    library = ctypes.CDLL(path)
    library.tolk_version.restype = ctypes.c_char_p
    library.tolk_last_error.restype = ctypes.c_char_p
    library.tolk_free.argtypes = [ctypes.c_void_p]
    library.tolk_termbase_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    library.tolk_termbase_close.argtypes = [ctypes.c_void_p]
    library.tolk_termbase_lookup.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                             ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p)]
    library.tolk_tm_open.argtypes = [ctypes.c_char_p, ctypes.c_int,
                                     ctypes.POINTER(ctypes.c_void_p)]
    library.tolk_tm_close.argtypes = [ctypes.c_void_p]
    library.tolk_tm_match.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                      ctypes.c_char_p, ctypes.c_int, ctypes.c_size_t,
                                      ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
    return library


def take_json(library, pointer):
    """The JSON document at `pointer`, freed with tolk_free."""
    try:
        return json.loads(ctypes.string_at(pointer.value).decode("utf-8"))
    finally:
        library.tolk_free(pointer)


def main():
    if len(sys.argv) not in (4, 8):
        print(__doc__, file=sys.stderr)
        return 2
    library = load(sys.argv[1])
    termbase = ctypes.c_void_p()
    if library.tolk_termbase_open(sys.argv[2].encode(), ctypes.byref(termbase)) != TOLK_OK:
        print("error:", library.tolk_last_error().decode(), file=sys.stderr)
        return 2
    found = True
    try:
        answer = ctypes.c_void_p()
        status = library.tolk_termbase_lookup(termbase, sys.argv[3].encode(), None, 3,
                                              ctypes.byref(answer))
        if status not in (TOLK_OK, TOLK_NOT_FOUND):
            print("error:", library.tolk_last_error().decode(), file=sys.stderr)
            return 2
        print(json.dumps(take_json(library, answer), ensure_ascii=False))
        found = status == TOLK_OK
        if len(sys.argv) == 8:
            tm = ctypes.c_void_p()
            if library.tolk_tm_open(sys.argv[4].encode(), 0, ctypes.byref(tm)) != TOLK_OK:
                print("error:", library.tolk_last_error().decode(), file=sys.stderr)
                return 2
            try:
                status = library.tolk_tm_match(tm, sys.argv[5].encode(), sys.argv[6].encode(),
                                               sys.argv[7].encode(), 70, 3, termbase,
                                               ctypes.byref(answer))
                if status not in (TOLK_OK, TOLK_NOT_FOUND):
                    print("error:", library.tolk_last_error().decode(), file=sys.stderr)
                    return 2
                print(json.dumps(take_json(library, answer), ensure_ascii=False))
                found = found and status == TOLK_OK
            finally:
                library.tolk_tm_close(tm)
    finally:
        library.tolk_termbase_close(termbase)
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main())
