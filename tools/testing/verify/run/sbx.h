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

/*
 * Rule T12, as the kernel: the CALL slot (256 KiB aligned) holds the
 * current task's TLS block address at SBX_TLS_WORD; the TLS area, below
 * the slots, holds at most SBX_TLS_MAX_BLOCKS blocks of at most
 * SBX_TLS_MAX_BLOCK bytes.
 */
#define SBX_SLOT_SIZE (256 << 10)
#define SBX_TLS_WORD 0xfff8
#define SBX_TLS_AREA (256 << 10)
#define SBX_TLS_MAX_BLOCKS 16
#define SBX_TLS_MAX_BLOCK (64 << 10)

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
 * @tls: the image has PT_TLS (rule T12): the TLS area and its blocks
 * @tls_tmpl: the relocated .tdata, copied at open (@tls_filesz bytes)
 * @tls_memsz: PT_TLS p_memsz; @tls_bsize: a block, rounded to p_align
 * @tls_area: the TLS area's window offset; @tls_nr: blocks it holds
 * @tls_owner: each block's task plus one, 0 when free
 * @task: the "task" CALLs run as (sbx_set_task())
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
	int tls;
	uint8_t *tls_tmpl;
	uint64_t tls_filesz, tls_memsz, tls_bsize, tls_area;
	unsigned int tls_nr;
	int tls_owner[SBX_TLS_MAX_BLOCKS];
	int task;
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
enum { SBX_OK = 0, SBX_ETIME = -62, SBX_EFAULT = -14, SBX_ENOSPC = -28 };
/*
 * CALL fn with up to 6 arguments; *status gets SBX_OK, SBX_ETIME (fuel
 * budget spent) or SBX_EFAULT (T_ABORT).  budget: fuel units.
 */
long sbx_call(struct sbx *s, uint64_t fn, const uint64_t args[6],
	      uint64_t budget, int *status);
/*
 * Rule T12's tasks: later CALLs run as @task (each task its own TLS
 * block, made at its first CALL); sbx_task_exit() frees @task's block.
 */
void sbx_set_task(struct sbx *s, int task);
void sbx_task_exit(struct sbx *s, int task);
/* the window offset of @task's TLS block, or 0 */
uint64_t sbx_tls_block(struct sbx *s, int task);

/* fuel units %r13 gets per refill (default 65536; 1: every payment traps) */
void sbx_set_slice(uint64_t slice);

#endif /* _ELFK_SBX_H */
