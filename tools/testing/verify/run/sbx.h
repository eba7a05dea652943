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
};

int sbx_open(struct sbx *s, const char *path, char *err, size_t errlen);
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
