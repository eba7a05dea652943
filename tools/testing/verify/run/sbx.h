/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's model of verified mode's runtime (tramp-abi, K1-K8 of
 * Documentation/verified-mode.rst), in userspace: a 2^k-aligned window
 * with mapped RW guards, the image loaded by the portable core at its
 * window offsets, a trampoline page, the verifier, and CALLs with the
 * tramp-abi entry state.  Used by run_test (real code sandboxed) and
 * sbx_bench (make bench).  One CALL at a time, one thread.
 */
#ifndef _ELFK_SBX_H
#define _ELFK_SBX_H

#include <stddef.h>
#include <stdint.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/**
 * struct sbx - a loaded verified object
 * @map: the mmap()ed reservation holding the guards and the window
 * @map_len: its length
 * @B: the window's base, aligned to 2^k
 * @k: window order
 * @c: code order
 * @code_off: the code's window offset
 * @code_size: its size
 * @image: the ELF file (the core keeps pointers into it)
 * @heap: next free window offset of the CALL-buffer area
 * @heap_end: where the CALL-buffer area ends (the stack is above)
 * @elf: the portable core's view of the object (opaque here)
 * @verify_ns: how long elfk_x86_verify() took on the code
 * @inits: window offsets LOAD runs (T11): DT_INIT, DT_INIT_ARRAY, elfk_init
 * @nr_inits: their number; @init_kind: what each is, SBX_LIFE_*
 * @finis: what UNLOAD runs: elfk_exit, DT_FINI_ARRAY reversed, DT_FINI
 * @nr_finis: their number; @fini_kind: what each is
 * @init_idx: each init's array index; @fini_idx: each fini's
 * @inited: the inits started, so the finis run at sbx_close()
 * @init_ok: elfk_init() succeeded, so elfk_exit() runs too
 */
struct sbx {
	void *map;
	size_t map_len;
	uint8_t *B;
	unsigned int k, c;
	uint64_t code_off, code_size;
	unsigned char *image;
	uint64_t heap, heap_end;
	void *elf;
	double verify_ns;
	uint64_t *inits, *finis;
	int *init_kind, *fini_kind;
	uint64_t *init_idx, *fini_idx;
	unsigned int nr_inits, nr_finis;
	int inited, init_ok;
};

/* T11's entry kinds; SBX_LIFE_EXIT is skipped unless init_ok */
enum {
	SBX_LIFE_INIT, SBX_LIFE_INIT_ARRAY, SBX_LIFE_ELFK_INIT,
	SBX_LIFE_EXIT, SBX_LIFE_FINI_ARRAY, SBX_LIFE_FINI,
};

/*
 * The log helper's (T8 helper 2) output, one line per call, and what
 * sbx_close() says about a failed fini entry; cleared by the caller.
 */
extern char sbx_log[4096];
/*
 * Fuel of all init entries together, and of all fini entries together
 * (kernel: verified_fuel; T11): an init entry may spend what the ones
 * before it left, a fini entry its share of what is left.
 */
extern uint64_t sbx_life_budget;

/*
 * Load, verify, then run the init entries (T11); a failing init fails
 * the open (err says which), after the finis but elfk_exit ran.
 */
int sbx_open(struct sbx *s, const char *path, char *err, size_t errlen);
/* the fini entries (T11), then unmap */
void sbx_close(struct sbx *s);
/* the absolute address of an exported function, or 0 */
uint64_t sbx_sym(struct sbx *s, const char *name);
/* len bytes of CALL buffer in the writable half, 64-byte aligned */
void *sbx_alloc(struct sbx *s, size_t len);
void sbx_reset_heap(struct sbx *s);

/* status of the last CALL */
enum { SBX_OK = 0, SBX_ETIME = -62, SBX_EFAULT = -14 };
/*
 * CALL fn with up to 6 arguments; *status gets SBX_OK, SBX_ETIME (fuel
 * budget spent) or SBX_EFAULT (T_ABORT).  budget: fuel units.
 */
long sbx_call(struct sbx *s, uint64_t fn, const uint64_t args[6],
	      uint64_t budget, int *status);
/* fuel units %r13 gets per refill (default 65536; 1: every payment traps) */
void sbx_set_slice(uint64_t slice);

#endif /* _ELFK_SBX_H */
