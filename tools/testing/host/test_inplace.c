// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of placing in place: an allocator that holds the image in
 * pages (the kernel) or maps the file (userspace) gives the object whole
 * pages of file bytes itself, says so in the segment, and the core copies
 * only the rest.  The core checks the claim before placing anything.
 */
#include <string.h>

#include "host_util.h"
#include "tap.h"
#include "../../../kunit/rel_fixture.h"

/* The fixture imports memcpy (its value is only stored, never called). */
static int in_place_lookup(void *ctx, const char *name, u64 *value)
{
	if (strcmp(name, "memcpy"))
		return -ENOENT;
	*value = HOST_MEMCPY_ADDR;
	return 0;
}

static const struct elfk_resolver in_place_resolver = { in_place_lookup };

/* The fixture with a text segment of one whole page of file bytes. */
static void build_page_text(struct elfk_fixture *f, u64 text_offset)
{
	elfk_fixture_build(f);
	f->ph[1].p_offset = text_offset;
	f->ph[1].p_filesz = PAGE_SIZE;
	f->ph[1].p_memsz = PAGE_SIZE;
	/* 0x10: the offset need not be a page multiple to be congruent. */
	f->ph[1].p_align = text_offset % PAGE_SIZE ? 0x10 : PAGE_SIZE;
}

struct in_place {
	u32 seg;		/* which segment to claim */
	bool claim;		/* claim [start, end), not the file pages */
	u64 start, end;
	u8 marker;		/* written at the claim's last byte */
	bool file_pages;	/* what elfk_elf_file_pages() returned */
	u64 fp_start, fp_end;
};

/* host_alloc(), then fill the claimed pages from the image itself. */
static int in_place_alloc(void *ctx, struct elfk_elf *elf, void **base,
			  struct elfk_log *log)
{
	struct elfk_fixture_run *run = ctx;
	struct in_place *ip = run->priv;
	struct elfk_segment *seg = &elf->segs[ip->seg];
	u8 *mem;

	mem = host_alloc(elf->vsize, elf->align);
	if (!mem)
		return -ENOMEM;
	*run->mem = mem;
	*base = mem;
	ip->file_pages = elfk_elf_file_pages(elf, ip->seg, &ip->fp_start,
					     &ip->fp_end);
	seg->in_place_start = ip->claim ? ip->start : ip->fp_start;
	seg->in_place_end = ip->claim ? ip->end : ip->fp_end;
	if (seg->in_place_start >= seg->in_place_end ||
	    seg->in_place_end > seg->vaddr + seg->filesz)
		return 0;
	memcpy(mem + (seg->in_place_start - elf->vbase),
	       elf->image + seg->offset + (seg->in_place_start - seg->vaddr),
	       seg->in_place_end - seg->in_place_start);
	/* Placing must leave this alone: the allocator owns these pages. */
	mem[seg->in_place_end - 1 - elf->vbase] = ip->marker;
	return 0;
}

static int load_in_place(struct elfk_fixture *f, struct in_place *ip,
			 struct elfk_elf *elf, u8 **mem, char *buf, size_t len)
{
	struct elfk_fixture_run run;
	struct elfk_log log;

	*mem = NULL;
	elfk_log_init(&log, buf, len, ELFK_LOG_LEVEL_ERROR);
	host_env(&run, elf, host_alloc, mem, &in_place_resolver, &log);
	run.env.alloc = in_place_alloc;
	run.priv = ip;
	return elfk_image_load(elf, f->buf, f->size, &run.env);
}

static void test_in_place_dyn(void)
{
	static struct elfk_fixture f;
	struct in_place ip = { .seg = 1, .marker = 0xab };
	struct elfk_elf elf;
	char buf[512];
	u64 s, e;
	u8 *mem;
	int err;

	build_page_text(&f, 0x1000);
	err = load_in_place(&f, &ip, &elf, &mem, buf, sizeof(buf));
	tap(ip.file_pages && ip.fp_start == 0x1000 && ip.fp_end == 0x2000,
	    "in place: a whole page of text is a file page [0x%llx, 0x%llx)",
	    (unsigned long long)ip.fp_start, (unsigned long long)ip.fp_end);
	tap(!elfk_elf_file_pages(&elf, 0, &s, &e) && !s && !e &&
	    !elfk_elf_file_pages(&elf, 2, &s, &e),
	    "in place: segments of less than a page of file bytes have none");
	if (!tap(!err, "in place: the load succeeds (%d)", err))
		tap_diag("%s", buf);
	else
		tap(mem[0x1fff] == 0xab &&
		    host_func(&elf, "ret42")(0, 0, 0, 0, 0, 0) == 42 &&
		    !memcmp(mem + 0x1000, f.buf + 0x1000, 0xfff),
		    "in place: placing skipped the claimed page and the code runs");
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);

	/* The same object placed by copying: the file's byte is there. */
	ip.claim = true;
	ip.start = 0x1000;
	ip.end = 0x1000;
	err = load_in_place(&f, &ip, &elf, &mem, buf, sizeof(buf));
	tap(!err && mem[0x1fff] == f.buf[0x1fff],
	    "in place: nothing claimed, the whole segment is copied");
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
}

static void test_in_place_refused(void)
{
	static const struct {
		const char *name;
		u64 text_offset;
		u32 seg;
		u64 start, end;
	} rows[] = {
		{ "past the file bytes", 0x1000, 1, 0x1000, 0x3000 },
		{ "a partial page", 0x1000, 1, 0x1000, 0x1800 },
		{ "before the segment", 0x1000, 1, 0x0000, 0x2000 },
		{ "a segment with no whole file page", 0x1000, 0, 0x0000, 0x1000 },
		{ "an empty claim backwards", 0x1000, 1, 0x2000, 0x1000 },
		{ "file bytes not page-aligned in the file", 0x1010, 1, 0x1000,
		  0x2000 },
	};
	static struct elfk_fixture f;
	struct elfk_elf elf;
	char buf[512];
	unsigned int i;
	u8 *mem;
	int err;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		struct in_place ip = {
			.seg = rows[i].seg, .claim = true,
			.start = rows[i].start,
			.end = rows[i].end,
		};
		char want[128];

		build_page_text(&f, rows[i].text_offset);
		snprintf(want, sizeof(want),
			 "PT_LOAD %u: the memory given for it claims pages that are not whole pages of its file bytes",
			 rows[i].seg);
		err = load_in_place(&f, &ip, &elf, &mem, buf, sizeof(buf));
		if (!tap(err == -EINVAL && strstr(buf, want),
			 "in place refused: %s", rows[i].name))
			tap_diag("errno %d, log: %s", err, buf);
		host_free(mem, elf.vsize);
		elfk_elf_release(&elf);
	}
}

/* ET_REL objects are laid out by section: no segment is file pages. */
static void test_in_place_rel(void)
{
	static struct elfk_rel_fixture f;
	struct elfk_elf elf;
	struct elfk_log log;
	bool any = false;
	char buf[512];
	u64 s, e;
	u8 *mem = NULL;
	u32 i;
	int err;

	elfk_rel_fixture_build(&f);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	/* Parsing lays the sections out: no allocator, stop there. */
	err = elfk_rel_fixture_run_core(&elf, f.buf, f.size, NULL, &mem, NULL,
					&log);
	for (i = 0; i < elf.nr_segs; i++)
		any |= elfk_elf_file_pages(&elf, i, &s, &e);
	tap(!err && elf.nr_segs && !any,
	    "in place: an ET_REL object's %u segments have no file pages",
	    elf.nr_segs);
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
}

void test_in_place(void)
{
	test_in_place_dyn();
	test_in_place_refused();
	test_in_place_rel();
}
