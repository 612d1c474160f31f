#ifndef BLAST_CGRAPHVIZ_SHIM_H
#define BLAST_CGRAPHVIZ_SHIM_H

// The Graphviz C API as `BlastRender/GraphvizRenderer.swift` sees it.
//
// Swift 6 refuses to read mutable C globals (they are not concurrency-safe), so the globals the
// renderer needs are exposed through `static inline` accessors. The renderer holds its lock around
// every Graphviz call, these included.

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

/// The descriptor of a directed, non-strict graph (`Agdirected`).
static inline Agdesc_t blast_agdirected(void) { return Agdirected; }

/// A cgraph discipline followed by the object that implements it.
///
/// cgraph hands the discipline given to `agopen` to the ID discipline's `open`, which finds its
/// state in `owner`; `base` comes first so a `blast_disc_t *` is also an `Agdisc_t *`.
typedef struct {
    Agdisc_t base;
    void *owner;
} blast_disc_t;

#endif
