/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An object's memory in userspace, mapped from its file as ld.so maps a
 * shared object: libelfk's check (ELFK_CHECK_FD) and the host bench's
 * "map" way (tools/testing/bench/loadbench.h) both allocate through it.
 * Not part of libelfk's API: built into the library and the bench.
 */
#ifndef _ELFK_FMAP_H
#define _ELFK_FMAP_H

#include <stddef.h>

#include "core.h"

/* Executable segments are mapped executable: a loader, not a checker. */
#define ELFK_FMAP_EXEC		0x1
/* The object may be laid over @image itself (see struct elfk_fmap). */
#define ELFK_FMAP_ADOPT		0x2
/* The reservation is MAP_NORESERVE. */
#define ELFK_FMAP_NORESERVE	0x4

/* Ranges whose permission is known not to be read-write (elfk_fmap_protect()). */
#define ELFK_FMAP_RANGES	64

/**
 * struct elfk_fmap - the memory of one object, and what was mapped in place
 * @fd: the file to map pages from, or -1: anonymous memory only (placing
 *      copies every byte)
 * @image: the image being loaded, when it is @fd mapped PROT_READ,
 *         MAP_PRIVATE from offset 0; with ELFK_FMAP_ADOPT and an object
 *         whose segments lie in memory as in the file (p_vaddr - p_offset
 *         the same for all, as GNU ld lays out), the object is laid over
 *         it: one mapping of the file, faulted once, as ld.so's first
 *         mmap() of a file is its first segment
 * @image_len: the length of that mapping
 * @flags: ELFK_FMAP_*
 * @hint: the address to ask for (NULL: any)
 * @min_addr: refuse memory below this address (libelfk: above 4 GiB)
 * @map: what elfk_fmap_free() unmaps: the object, and the image if adopted
 * @map_len: its length
 * @base: the object's first byte (@map, aligned)
 * @pages: bytes of the object that are the file's own pages
 * @adopted: the object is laid over @image, which is now the object's:
 *           elfk_fmap_unmap_image() leaves it alone
 * @nr_ro: entries of @ro in use; above ELFK_FMAP_RANGES, none is trusted
 * @ro: ranges (offsets from @base) that are not read-write now
 */
struct elfk_fmap {
	int fd;
	const void *image;
	size_t image_len;
	unsigned int flags;
	void *hint;
	unsigned long min_addr;
	void *map;
	size_t map_len;
	u8 *base;
	size_t pages;
	bool adopted;
	u32 nr_ro;
	struct {
		u64 start;
		u64 end;
	} ro[ELFK_FMAP_RANGES];
};

int elfk_fmap_alloc(struct elfk_fmap *m, struct elfk_elf *elf, void **base,
		    struct elfk_log *log);
int elfk_fmap_protect(struct elfk_fmap *m, u64 off, u64 len, u32 prot);
void elfk_fmap_unmap_image(const struct elfk_fmap *m, const void *image,
			   size_t len);
void elfk_fmap_free(struct elfk_fmap *m);

#endif /* _ELFK_FMAP_H */
