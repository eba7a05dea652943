// SPDX-License-Identifier: GPL-2.0
/*
 * An object's memory in userspace, mapped from its file as ld.so maps a
 * shared object (fmap.h).  The core decides what may be the file's own
 * pages (elfk_elf_file_span()) and checks every claim made here before it
 * places anything (lib/load.c); this only maps:
 *
 * - each segment's file span MAP_PRIVATE | MAP_FIXED from the file, a
 *   read-only segment with its final permission at once (the core's
 *   protect steps then skip it: @in_place_final), a writable one
 *   read-write (copy-on-write: relocations dirty only the pages they
 *   write);
 * - the rest anonymous and read-write, for placing to fill and the
 *   protect steps to restrict;
 * - with ELFK_FMAP_ADOPT, when the file's layout is the object's, the
 *   object is the image's own mapping: the pages the parser faulted are
 *   the object's, and nothing is unmapped after the load.
 *
 * Built against a core without the in-place hook (BENCH_NO_IN_PLACE) it
 * maps nothing in place; against one with whole pages only
 * (ELFK_FMAP_WHOLE_PAGES) it maps those: for the bench's "before" builds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>

#include "fmap.h"

#ifdef ELFK_FMAP_WHOLE_PAGES
#define elfk_elf_file_span elfk_elf_file_pages
#endif

static int os_prot(u32 prot)
{
	int p = PROT_READ;

	if (prot & ELFK_PROT_W)
		p |= PROT_WRITE;
	if (prot & ELFK_PROT_X)
		p |= PROT_EXEC;
	return p;
}

/* [@start, @end) is not read-write; past ELFK_FMAP_RANGES, trust no range. */
static void note_ro(struct elfk_fmap *m, u64 start, u64 end)
{
	if (m->nr_ro < ELFK_FMAP_RANGES) {
		m->ro[m->nr_ro].start = start;
		m->ro[m->nr_ro].end = end;
	}
	if (m->nr_ro <= ELFK_FMAP_RANGES)
		m->nr_ro++;
}

static bool maybe_ro(const struct elfk_fmap *m, u64 start, u64 end)
{
	u32 i;

	if (m->nr_ro > ELFK_FMAP_RANGES)
		return true;
	for (i = 0; i < m->nr_ro; i++)
		if (m->ro[i].start < end && start < m->ro[i].end)
			return true;
	return false;
}

#ifndef BENCH_NO_IN_PLACE
/*
 * The permission @seg's file pages are mapped with, and in *@final whether
 * it is the segment's last: a read-only segment's, unless it is executable
 * and the caller only checks (no ELFK_FMAP_EXEC: then readable only).
 */
static int seg_prot(const struct elfk_fmap *m, const struct elfk_segment *seg,
		    bool *final)
{
	*final = !(seg->prot & ELFK_PROT_W) &&
		 (!(seg->prot & ELFK_PROT_X) || (m->flags & ELFK_FMAP_EXEC));
	if (seg->prot & ELFK_PROT_W)
		return PROT_READ | PROT_WRITE;
	return *final ? os_prot(seg->prot) : PROT_READ;
}

static void claim(struct elfk_fmap *m, const struct elfk_elf *elf,
		  struct elfk_segment *seg, u64 start, u64 end, int prot,
		  bool final)
{
	if (!(prot & PROT_WRITE))
		note_ro(m, start - elf->vbase, end - elf->vbase);
	seg->in_place_start = start;
	seg->in_place_end = end;
#ifndef ELFK_FMAP_WHOLE_PAGES
	seg->in_place_final = final;
#endif
	m->pages += end - start;
}

/* Each segment's file span, from the file, over the reservation. */
static int map_pages(struct elfk_fmap *m, struct elfk_elf *elf,
		     struct elfk_log *log)
{
	u64 start, end, off;
	bool final;
	int prot;
	u32 i;

	for (i = 0; i < elf->nr_segs; i++) {
		struct elfk_segment *seg = &elf->segs[i];

		if (!elfk_elf_file_span(elf, i, &start, &end))
			continue;
		off = seg->offset + (start - seg->vaddr);
		/* Not at a page of the file: placing copies it. */
		if (!IS_ALIGNED(off, PAGE_SIZE))
			continue;
		prot = seg_prot(m, seg, &final);
		if (mmap(m->base + (start - elf->vbase), end - start, prot,
			 MAP_PRIVATE | MAP_FIXED, m->fd, off) == MAP_FAILED)
			return elfk_reject(log, -errno,
					   "PT_LOAD %u: could not map its file pages in place",
					   seg->phdr_index);
		claim(m, elf, seg, start, end, prot, final);
	}
	return 0;
}
#endif

#if !defined(BENCH_NO_IN_PLACE) && !defined(ELFK_FMAP_WHOLE_PAGES)
/*
 * Whether the object can be laid over the image: every segment at the
 * file offset of its place (p_vaddr - p_offset the same for all), each
 * one's pages of file bytes inside the file, and a read-only segment's
 * whole pages the file's own (elfk_elf_file_span()): nothing placing
 * would copy is then read from a page this changes.
 */
static bool can_adopt(const struct elfk_fmap *m, const struct elfk_elf *elf)
{
	u64 start, end, s, e;
	u32 i;

	if (!(m->flags & ELFK_FMAP_ADOPT) || m->fd < 0 || !m->image ||
	    elf->image != m->image || elf->image_size > m->image_len ||
	    (uintptr_t)m->image < m->min_addr ||
	    !IS_ALIGNED((uintptr_t)m->image, elf->align) ||
	    !IS_ALIGNED(elf->vbase, PAGE_SIZE))
		return false;
	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *seg = &elf->segs[i];

		if (seg->offset != seg->vaddr - elf->vbase)
			return false;
		if (!seg->filesz)
			continue;
		s = ALIGN_DOWN(seg->vaddr, PAGE_SIZE);
		e = ALIGN(seg->vaddr + seg->filesz, PAGE_SIZE);
		if (e - elf->vbase > elf->image_size)
			return false;
		if (seg->prot & ELFK_PROT_W)
			continue;
		if (!elfk_elf_file_span(elf, i, &start, &end) || start != s ||
		    end != e)
			return false;
	}
	return true;
}

/* Anonymous zeroes at [@off, @end) of the object, over the file's bytes. */
static int zeroes(struct elfk_fmap *m, u64 off, u64 end, int prot)
{
	if (off >= end)
		return 0;
	if (mmap(m->base + off, end - off, prot,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		return -errno;
	if (!(prot & PROT_WRITE))
		note_ro(m, off, end);
	return 0;
}

/* Zero what of [@p, @p + @n) is not zero yet: no write, no fault, if none. */
static void clear(u8 *p, u64 n)
{
	u64 i;

	for (i = 0; i < n; i++)
		if (p[i]) {
			memset(p + i, 0, n - i);
			return;
		}
}

/*
 * Lay the object over the image (can_adopt()).  The file's pages stay
 * where the parser read them; a writable segment's pages become writable
 * (copy-on-write) with what is not its file bytes zeroed, so that the
 * whole span is the object's (elfk_elf_file_span() checks it); gaps and
 * .bss become anonymous zeroes.  Return 1 if the object does not fit after
 * the image (nothing was changed), 0, or a negative errno.
 */
static int adopt(struct elfk_fmap *m, struct elfk_elf *elf,
		 struct elfk_log *log)
{
	u64 len = ALIGN((u64)m->image_len, PAGE_SIZE), pos = 0, s, fe, e;
	u64 vb = elf->vbase, vend;
	u8 *base = (u8 *)m->image;
	bool final;
	int prot, err = 0;
	void *p;
	u32 i;

	/* Past the end of the file: anonymous, where nothing else is. */
	if (elf->vsize > len) {
		p = mmap(base + len, elf->vsize - len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (p != base + len) {
			if (p != MAP_FAILED)
				munmap(p, elf->vsize - len);
			return 1;
		}
	}
	m->map = base;
	m->map_len = max(len, elf->vsize);
	m->base = base;
	m->adopted = true;
	for (i = 0; i < elf->nr_segs && !err; i++) {
		struct elfk_segment *seg = &elf->segs[i];

		s = ALIGN_DOWN(seg->vaddr, PAGE_SIZE) - vb;
		fe = seg->filesz ? ALIGN(seg->vaddr + seg->filesz, PAGE_SIZE) - vb : s;
		e = ALIGN(seg->vaddr + seg->memsz, PAGE_SIZE) - vb;
		/* A gap: read-only zeroes, as the protect steps would leave it. */
		err = zeroes(m, pos, min(s, len), PROT_READ);
		if (err || fe == s)
			goto bss;
		prot = seg_prot(m, seg, &final);
		if (prot != PROT_READ && mprotect(base + s, fe - s, prot)) {
			err = -errno;
			break;
		}
		if (prot & PROT_WRITE) {
			vend = seg->vaddr + seg->filesz - vb;
			clear(base + s, seg->vaddr - vb - s);
			clear(base + vend, fe - vend);
		}
		claim(m, elf, seg, s + vb, fe + vb, prot, final);
bss:
		/* .bss past its file pages: zeroes (past the file, already). */
		if (!err)
			err = zeroes(m, fe, min(e, len), PROT_READ | PROT_WRITE);
		pos = e;
	}
	if (!err)
		err = zeroes(m, pos, min(elf->vsize, len), PROT_READ);
	if (err)
		return elfk_reject(log, err,
				   "could not lay the object over its file's mapping (%d)",
				   err);
	return 0;
}
#endif

/**
 * elfk_fmap_alloc() - elfk_load_env.alloc() of an object mapped from a file
 * @m: the caller's settings (@fd, @image, @image_len, @flags, @hint,
 *     @min_addr); the rest is filled in
 * @elf: the parsed object
 * @base: set to the object's memory
 * @log: the log
 *
 * Return: 0, or a negative errno with the reason in @log.
 */
int elfk_fmap_alloc(struct elfk_fmap *m, struct elfk_elf *elf, void **base,
		    struct elfk_log *log)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	int err;

	m->pages = 0;
	m->nr_ro = 0;
	m->adopted = false;
	m->map = NULL;
#if !defined(BENCH_NO_IN_PLACE) && !defined(ELFK_FMAP_WHOLE_PAGES)
	if (can_adopt(m, elf)) {
		err = adopt(m, elf, log);
		if (err <= 0) {
			*base = m->base;
			return err;
		}
	}
#endif
	if (m->flags & ELFK_FMAP_NORESERVE)
		flags |= MAP_NORESERVE;
	m->map_len = elf->vsize +
		     (elf->align > PAGE_SIZE ? elf->align - PAGE_SIZE : 0);
	m->map = mmap(m->hint, m->map_len, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (m->map == MAP_FAILED || (uintptr_t)m->map < m->min_addr) {
		if (m->map != MAP_FAILED)
			munmap(m->map, m->map_len);
		m->map = NULL;
		return elfk_reject(log, -ENOMEM,
				   "could not allocate 0x%lx bytes for the segments",
				   (unsigned long)m->map_len);
	}
	m->base = (u8 *)ALIGN((uintptr_t)m->map, elf->align);
	*base = m->base;
	err = 0;
#ifndef BENCH_NO_IN_PLACE
	if (m->fd >= 0)
		err = map_pages(m, elf, log);
#endif
	return err;
}

/**
 * elfk_fmap_protect() - elfk_load_env.protect() of elfk_fmap_alloc()'s memory
 * @m: the memory
 * @off: the range's offset from the object's base
 * @len: its length
 * @prot: ELFK_PROT_*
 *
 * A range asked to be read-write that nothing made otherwise since it was
 * mapped read-write is left alone: no system call.
 *
 * Return: 0 or a negative errno.
 */
int elfk_fmap_protect(struct elfk_fmap *m, u64 off, u64 len, u32 prot)
{
	int p = os_prot(prot);

	if (p == (PROT_READ | PROT_WRITE) && !maybe_ro(m, off, off + len))
		return 0;
	if (mprotect(m->base + off, len, p))
		return -errno;
	if (p != (PROT_READ | PROT_WRITE))
		note_ro(m, off, off + len);
	return 0;
}

/**
 * elfk_fmap_unmap_image() - unmap the image, unless the object adopted it
 * @m: the object's memory (elfk_fmap_alloc() ran, or @m->adopted is false)
 * @image: the image
 * @len: its mapped length
 */
void elfk_fmap_unmap_image(const struct elfk_fmap *m, const void *image,
			   size_t len)
{
	if (image && !(m->adopted && image == m->image))
		munmap((void *)image, len);
}

/**
 * elfk_fmap_free() - unmap the object (and the image it adopted)
 * @m: the memory; idempotent
 */
void elfk_fmap_free(struct elfk_fmap *m)
{
	if (m->map)
		munmap(m->map, m->map_len);
	m->map = NULL;
}
