// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of placing in place: an allocator that holds the image in
 * pages (the kernel) or maps the file (userspace) gives the object whole
 * pages of file bytes itself, says so in the segment, and the core copies
 * only the rest.  The core checks the claim before placing anything.
 */
#include <string.h>
#include <sys/mman.h>

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

/**
 * host_maps_prot() - what /proc/self/maps says of the page holding @p
 * @p: an address
 * @file: if not NULL, set to whether the page maps a file (an inode)
 *
 * Return: its ELFK_PROT_* permission, or ~0U if it is not mapped.
 */
u32 host_maps_prot(const void *p, bool *file)
{
	unsigned long lo, hi, off, inode, at = (unsigned long)p;
	char perms[5], dev[16], line[512];
	u32 prot = ~0U;
	FILE *maps;

	maps = fopen("/proc/self/maps", "r");
	if (!maps)
		return ~0U;
	while (fgets(line, sizeof(line), maps)) {
		if (sscanf(line, "%lx-%lx %4s %lx %15s %lu", &lo, &hi, perms,
			   &off, dev, &inode) != 6 || at < lo || at >= hi)
			continue;
		prot = (perms[0] == 'r' ? ELFK_PROT_R : 0) |
		       (perms[1] == 'w' ? ELFK_PROT_W : 0) |
		       (perms[2] == 'x' ? ELFK_PROT_X : 0);
		if (file)
			*file = inode != 0;
		break;
	}
	fclose(maps);
	return prot;
}

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
	bool final;		/* claim the final permission too */
	bool file_pages;	/* what elfk_elf_file_pages() returned */
	u64 fp_start, fp_end;
	bool span;		/* what elfk_elf_file_span() returned */
	u64 sp_start, sp_end;
	u32 nr_prot;		/* protect() calls, and those touching the claim */
	u32 nr_prot_claim;
};

/* host_alloc(), then fill the claimed pages from the image itself. */
static int in_place_alloc(void *ctx, struct elfk_elf *elf, void **base,
			  struct elfk_log *log)
{
	struct elfk_fixture_run *run = ctx;
	struct in_place *ip = run->priv;
	struct elfk_segment *seg = &elf->segs[ip->seg];
	u64 off, len;
	u8 *mem;

	mem = host_alloc(elf->vsize, elf->align);
	if (!mem)
		return -ENOMEM;
	*run->mem = mem;
	*base = mem;
	ip->file_pages = elfk_elf_file_pages(elf, ip->seg, &ip->fp_start,
					     &ip->fp_end);
	ip->span = elfk_elf_file_span(elf, ip->seg, &ip->sp_start, &ip->sp_end);
	seg->in_place_start = ip->claim ? ip->start : ip->fp_start;
	seg->in_place_end = ip->claim ? ip->end : ip->fp_end;
	seg->in_place_final = ip->final;
	off = seg->offset + (seg->in_place_start - seg->vaddr);
	len = seg->in_place_end - seg->in_place_start;
	if (seg->in_place_start >= seg->in_place_end ||
	    !elfk_elf_in_image(elf, off, len))
		return 0;
	/* The file's whole pages, as mapping them would give. */
	memcpy(mem + (seg->in_place_start - elf->vbase), elf->image + off, len);
	/* Placing must leave this alone: the allocator owns these pages. */
	mem[seg->in_place_end - 1 - elf->vbase] = ip->marker;
	/* As ld.so maps them: with their final permission already. */
	if (ip->final && !(seg->prot & ELFK_PROT_W) &&
	    mprotect(mem + (seg->in_place_start - elf->vbase), len,
		     PROT_READ | (seg->prot & ELFK_PROT_X ? PROT_EXEC : 0)))
		return -errno;
	return 0;
}

/* mprotect(), counting the calls that touch the claimed pages. */
static int in_place_prot(void *ctx, u64 off, u64 len, u32 prot)
{
	struct elfk_fixture_run *run = ctx;
	struct in_place *ip = run->priv;
	const struct elfk_elf *elf = run->elf;
	const struct elfk_segment *seg = &elf->segs[ip->seg];
	u64 s = seg->in_place_start - elf->vbase;
	u64 e = seg->in_place_end - elf->vbase;
	int p = PROT_READ;

	ip->nr_prot++;
	if (off < e && s < off + len)
		ip->nr_prot_claim++;
	if (prot & ELFK_PROT_W)
		p |= PROT_WRITE;
	if (prot & ELFK_PROT_X)
		p |= PROT_EXEC;
	return mprotect(elf->base + off, len, p) ? -errno : 0;
}

static int load_image_in_place(const void *image, u64 size,
			       struct in_place *ip, struct elfk_elf *elf,
			       u8 **mem, char *buf, size_t len)
{
	struct elfk_fixture_run run;
	struct elfk_log log;

	*mem = NULL;
	elfk_log_init(&log, buf, len, ELFK_LOG_LEVEL_ERROR);
	host_env(&run, elf, host_alloc, mem, &in_place_resolver, &log);
	run.env.alloc = in_place_alloc;
	run.env.protect = in_place_prot;
	run.priv = ip;
	return elfk_image_load(elf, image, size, &run.env);
}

static int load_in_place(struct elfk_fixture *f, struct in_place *ip,
			 struct elfk_elf *elf, u8 **mem, char *buf, size_t len)
{
	return load_image_in_place(f->buf, f->size, ip, elf, mem, buf, len);
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
		bool dirty;	/* a byte after PT_LOAD 0's, in its page */
	} rows[] = {
		{ "past the file bytes", 0x1000, 1, 0x1000, 0x3000 },
		{ "a partial page", 0x1000, 1, 0x1000, 0x1800 },
		{ "before the segment", 0x1000, 1, 0x0000, 0x2000 },
		{ "a segment with no whole file page, its page not zero past its bytes",
		  0x1000, 0, 0x0000, 0x1000, true },
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
		if (rows[i].dirty)
			f.buf[0xfff] = 0xcc;
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

/*
 * A partial page whose other bytes are zero in the file (a linker's
 * padding) may be the file's page too, as ld.so maps it: the object sees
 * what placing would have written into zeroed memory.
 */
static void test_in_place_span(void)
{
	static struct elfk_fixture f;
	struct in_place ip = {
		.seg = 0, .claim = true, .start = 0, .end = 0x1000,
		.marker = 0,
	};
	struct elfk_elf elf;
	char buf[512];
	u8 *mem;
	int err;

	build_page_text(&f, 0x1000);
	err = load_in_place(&f, &ip, &elf, &mem, buf, sizeof(buf));
	tap(ip.span && ip.sp_start == 0 && ip.sp_end == 0x1000 && !ip.file_pages,
	    "in place: PT_LOAD 0's partial page, zero past its bytes, is a file span [0x%llx, 0x%llx)",
	    (unsigned long long)ip.sp_start, (unsigned long long)ip.sp_end);
	if (!tap(!err, "in place: a zero-padded partial page claimed whole: the load succeeds (%d)",
		 err))
		tap_diag("%s", buf);
	else
		tap(!memcmp(mem, f.buf, 0x500) &&
		    host_func(&elf, "ret42")(0, 0, 0, 0, 0, 0) == 42,
		    "in place: the claimed page holds PT_LOAD 0's bytes and the object runs");
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
}

/*
 * Pages alloc() mapped with their final permission (ld.so's read-only
 * segments) are left alone by both protect steps; the rest is protected as
 * before.  Only a segment no step writes may say so.
 */
static void test_in_place_final(void)
{
	static struct elfk_fixture f;
	static u8 big[0x3000] __aligned(4096);
	struct in_place ip = {
		.seg = 1, .claim = true, .start = 0x1000, .end = 0x2000,
		.marker = 0xc3, .final = true,
	};
	struct elfk_elf elf;
	char buf[512];
	u8 *mem;
	int err;

	build_page_text(&f, 0x1000);
	/* 0xc3 (ret) at the page's last byte: the text is the fixture's. */
	f.buf[0x1fff] = 0xc3;
	err = load_in_place(&f, &ip, &elf, &mem, buf, sizeof(buf));
	if (!tap(!err, "in place, final: the text claimed with its final permission loads (%d)",
		 err))
		tap_diag("%s", buf);
	tap(!err && !ip.nr_prot_claim && ip.nr_prot >= 2,
	    "in place, final: no protect() call touches it (%u of %u did)",
	    ip.nr_prot_claim, ip.nr_prot);
	tap(!err && host_func(&elf, "ret42")(0, 0, 0, 0, 0, 0) == 42 &&
	    host_maps_prot(mem + 0x1000, NULL) == (ELFK_PROT_R | ELFK_PROT_X),
	    "in place, final: the code runs from the pages alloc() protected");
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);

	/* The same pages claimed without: protected as any other. */
	memset(&ip, 0, sizeof(ip));
	ip.seg = 1;
	ip.marker = 0xc3;
	err = load_in_place(&f, &ip, &elf, &mem, buf, sizeof(buf));
	tap(!err && ip.nr_prot_claim,
	    "in place, not final: protect() gives the claimed pages their permission");
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);

	/* Claimed for no pages: nothing to vouch for, refused. */
	memset(&ip, 0, sizeof(ip));
	ip.seg = 0;
	ip.claim = true;
	ip.final = true;
	err = load_in_place(&f, &ip, &elf, &mem, buf, sizeof(buf));
	if (!tap(err == -EINVAL &&
		 strstr(buf, "PT_LOAD 0: the memory given for it claims") &&
		 strstr(buf, "its final permission for no pages"),
		 "in place refused: the final permission of no pages"))
		tap_diag("errno %d, log: %s", err, buf);
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);

	/*
	 * The data segment made a whole page of the file: relocations write
	 * it after alloc(), so it may be the file's pages, but never with its
	 * final (read-only after RELRO) permission.
	 */
	elfk_fixture_build(&f);
	f.ph[2].p_filesz = 0x1000;
	memset(big, 0, sizeof(big));
	memcpy(big, f.buf, f.size);
	memset(&ip, 0, sizeof(ip));
	ip.seg = 2;
	err = load_image_in_place(big, sizeof(big), &ip, &elf, &mem, buf,
				  sizeof(buf));
	if (!tap(!err && ip.file_pages && ip.fp_start == 0x2000 &&
		 ip.fp_end == 0x3000 && mem[0x2fff] == 0 &&
		 host_maps_prot(mem + 0x2000, NULL) == ELFK_PROT_R,
		 "in place: the data segment's whole page, relocated, then read-only (%d)",
		 err))
		tap_diag("%s", buf);
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
	ip.final = true;
	err = load_image_in_place(big, sizeof(big), &ip, &elf, &mem, buf,
				  sizeof(buf));
	if (!tap(err == -EINVAL &&
		 strstr(buf, "PT_LOAD 2: the memory given for it claims") &&
		 strstr(buf, "its final permission, but the segment is writable"),
		 "in place refused: the final permission of a writable segment"))
		tap_diag("errno %d, log: %s", err, buf);
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
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
	test_in_place_span();
	test_in_place_final();
	test_in_place_rel();
}
