// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace quarry {

// glibc serves a block of 128 KiB or more with a mapping of its own, unmapped when the block is
// freed; but the first time such a block is freed it raises that threshold to the block's size
// (up to 32 MiB), and from then on blocks below it come from the heap, where a freed one stays
// resident while anything above it lives. Analysis frees and allocates blocks of every size as it
// goes (per-account sets that double, batches of prompts, sorted lists), so the holes grew with
// the case: at the end of the content pass the heap held 45 MB free but resident at 16 million
// requests against 13 MB at 1 million (issue 15 item 10). Fixing the threshold at its default
// keeps large blocks out of the heap, and the memory they held goes back when they are freed.
inline void keepLargeBlocksOutOfTheHeap() {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

}  // namespace quarry
