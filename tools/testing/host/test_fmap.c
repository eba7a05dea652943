// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the userspace "map" way (tools/lib/elfk/fmap.c, libelfk's
 * check and the host bench): an example plugin loaded from its file as
 * ld.so would, with the kernel's load order.  Read back from
 * /proc/self/maps at each step and at each protect() call: the read-only
 * segments are the file's pages with their final permission from alloc()
 * on and no protect() call touches them; no page of the object is ever
 * writable and executable; the writable segment is writable while it is
 * relocated and its RELRO pages read-only after.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host_util.h"
#include "tap.h"
#include "elfk/fmap.h"

/* Whether a mapping inside [@lo, @hi) is writable and executable at once. */
static bool maps_wx(const u8 *lo, const u8 *hi)
{
	unsigned long a, b;
	char perms[5], line[512];
	bool wx = false;
	FILE *maps;

	maps = fopen("/proc/self/maps", "r");
	if (!maps)
		return true;
	while (fgets(line, sizeof(line), maps))
		if (sscanf(line, "%lx-%lx %4s", &a, &b, perms) == 3 &&
		    a < (unsigned long)hi && (unsigned long)lo < b &&
		    perms[1] == 'w' && perms[2] == 'x')
			wx = true;
	fclose(maps);
	return wx;
}

struct fmap_run {
	struct elfk_fmap m;
	struct elfk_elf elf;
	u32 nr_final;		/* segments alloc() gave their final permission */
	bool final_mapped;	/* each of them file-backed with it, at PLACED */
	u32 nr_prot;		/* protect() calls, and those touching them */
	u32 nr_prot_final;
	bool wx;		/* a W+X page at some step or protect() call */
	bool relro_rw;		/* RELRO writable while relocating */
	bool relro_ro;		/* and read-only once protected */
	bool zero;		/* at PLACED, what is no file byte is zero */
};

static const u8 *obj_end(const struct fmap_run *r)
{
	return r->elf.base + r->elf.vsize;
}

static int fmap_alloc(void *ctx, struct elfk_elf *elf, void **base,
		      struct elfk_log *log)
{
	return elfk_fmap_alloc(&((struct fmap_run *)ctx)->m, elf, base, log);
}

static int fmap_prot(void *ctx, u64 off, u64 len, u32 prot)
{
	struct fmap_run *r = ctx;
	u32 i;
	int err;

	r->nr_prot++;
	for (i = 0; i < r->elf.nr_segs; i++) {
		const struct elfk_segment *seg = &r->elf.segs[i];

		if (seg->in_place_final &&
		    off < seg->in_place_end - r->elf.vbase &&
		    seg->in_place_start - r->elf.vbase < off + len)
			r->nr_prot_final++;
	}
	err = elfk_fmap_protect(&r->m, off, len, prot);
	r->wx |= maps_wx(r->elf.base, obj_end(r));
	return err;
}

static u32 relro_prot(const struct fmap_run *r)
{
	return host_maps_prot(elfk_elf_ptr(&r->elf, r->elf.relro_start), NULL);
}

/* Bytes of the object that are no segment's file bytes (.bss too): zero. */
static bool outside_zero(const struct elfk_elf *elf)
{
	u64 pos = 0, s;
	u32 i;

	for (i = 0; i <= elf->nr_segs; i++) {
		s = i < elf->nr_segs ? elf->segs[i].vaddr - elf->vbase : elf->vsize;
		for (; pos < s; pos++)
			if (elf->base[pos])
				return false;
		if (i < elf->nr_segs)
			pos = s + elf->segs[i].filesz;
	}
	return true;
}

static int fmap_observe(void *ctx, enum elfk_load_step done,
			struct elfk_elf *elf)
{
	struct fmap_run *r = ctx;
	bool file = false;
	u32 i;

	r->wx |= maps_wx(elf->base, obj_end(r));
	if (done == ELFK_LOAD_PLACED) {
		r->zero = outside_zero(elf);
		r->final_mapped = true;
		for (i = 0; i < elf->nr_segs; i++) {
			const struct elfk_segment *seg = &elf->segs[i];

			if (!seg->in_place_final)
				continue;
			r->nr_final++;
			r->final_mapped &=
				host_maps_prot(elfk_elf_ptr(elf, seg->in_place_start),
					       &file) == seg->prot && file &&
				host_maps_prot(elfk_elf_ptr(elf, seg->in_place_end - 1),
					       &file) == seg->prot && file;
		}
	}
	if (done == ELFK_LOAD_RELOCATED && elf->relro_end)
		r->relro_rw = relro_prot(r) == (ELFK_PROT_R | ELFK_PROT_W);
	if (done == ELFK_LOAD_PROTECTED && elf->relro_end)
		r->relro_ro = relro_prot(r) == ELFK_PROT_R;
	return 0;
}

static int fmap_lookup(void *ctx, const char *name, u64 *value)
{
	return host_runtime_lookup(name, value);
}

static const struct elfk_resolver fmap_resolver = { fmap_lookup, NULL };

static void test_fmap_path(const char *path, const char *name, bool adopt)
{
	struct fmap_run r = { .m.fd = -1 };
	char buf[1024];
	struct elfk_log log;
	struct stat st;
	void *image;
	struct elfk_fixture_run run;
	u8 *copy = NULL;
	struct elfk_elf ref;
	void *file;
	u64 size;
	u32 i, same = 0, nr_ro = 0;
	int err;
	const struct elfk_load_env env = {
		.arch = &elfk_arch_ops, .resolver = &fmap_resolver, .log = &log,
		.alloc = fmap_alloc, .protect = fmap_prot,
		.observe = fmap_observe, .tls_modid = 1, .ctx = &r,
	};

	r.m.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (!tap(r.m.fd >= 0 && !fstat(r.m.fd, &st), "fmap: %s: open %s", name, path))
		return;
	image = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, r.m.fd, 0);
	r.m.image = image;
	r.m.image_len = st.st_size;
	r.m.flags = ELFK_FMAP_EXEC | ELFK_FMAP_ADOPT;
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	err = image == MAP_FAILED ? -errno :
	      elfk_image_load(&r.elf, image, st.st_size, &env);
	if (!tap(!err, "fmap: %s: loaded from its file (%d)", name, err))
		tap_diag("%s", buf);
	tap(!err && r.m.adopted == adopt,
	    "fmap: %s: %s", name, adopt ?
	    "laid over the image's own mapping (the file's layout is the object's)" :
	    "in its own memory (its layout is not the file's)");
	tap(!err && r.nr_final >= 2 && r.final_mapped,
	    "fmap: %s: %u read-only segments are the file's pages with their final permission at PLACED",
	    name, r.nr_final);
	tap(!err && r.nr_prot && !r.nr_prot_final,
	    "fmap: %s: no protect() call touches them (%u of %u did)",
	    name, r.nr_prot_final, r.nr_prot);
	tap(!err && !r.wx, "fmap: %s: no page writable and executable at any step",
	    name);
	tap(!err && r.elf.relro_end && r.relro_rw && r.relro_ro,
	    "fmap: %s: RELRO writable while relocating, read-only after", name);

	/* What placing a copy of the file gives, for the read-only segments. */
	memset(&ref, 0, sizeof(ref));
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &ref, host_alloc, &copy, &fmap_resolver, &log);
	run.env.check_branch_targets = false;
	run.env.check_ifunc_targets = false;
	file = host_read_file(path, &size);
	if (!err && file && !elfk_image_load(&ref, file, size, &run.env)) {
		for (i = 0; i < r.elf.nr_segs; i++) {
			const struct elfk_segment *seg = &r.elf.segs[i];

			if (seg->prot & ELFK_PROT_W)
				continue;
			nr_ro++;
			same += !memcmp(elfk_elf_ptr(&r.elf, seg->vaddr),
					elfk_elf_ptr(&ref, seg->vaddr), seg->filesz);
		}
	}
	if (!tap(!err && nr_ro && same == nr_ro && r.zero,
		 "fmap: %s: its read-only segments as placing copies them, and zeroes around every segment",
		 name))
		tap_diag("%u of %u the same, zeroes %d: %s", same, nr_ro,
			 r.zero, buf);
	host_free(copy, ref.vsize);
	elfk_elf_release(&ref);
	free(file);

	elfk_fmap_free(&r.m);
	elfk_elf_release(&r.elf);
	if (image != MAP_FAILED)
		elfk_fmap_unmap_image(&r.m, image, st.st_size);
	close(r.m.fd);
}

static void test_fmap_one(const char *dir, const char *name, bool adopt)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.so", dir, name);
	test_fmap_path(path, name, adopt);
}

/*
 * @name with bytes in the padding before its writable segment, in that
 * segment's first page (as zstd.so has .comment after its data): laid over
 * the image, the object must still see zeroes there.
 */
static void test_fmap_padding(const char *dir, const char *name)
{
	char path[512], tmp[] = "/tmp/elfk-fmap-XXXXXX";
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	u64 size, off = 0;
	bool ok = false;
	u8 *image;
	int fd;
	u32 i;

	snprintf(path, sizeof(path), "%s/%s.so", dir, name);
	image = host_read_file(path, &size);
	eh = (const Elf64_Ehdr *)image;
	for (i = 0; image && i < eh->e_phnum; i++) {
		ph = (const Elf64_Phdr *)(image + eh->e_phoff) + i;
		if (ph->p_type == PT_LOAD && (ph->p_flags & PF_W) &&
		    ph->p_offset % PAGE_SIZE)
			off = ph->p_offset - 1;
	}
	fd = mkstemp(tmp);
	if (off && fd >= 0) {
		image[off] = 0xcc;
		ok = write(fd, image, size) == (ssize_t)size;
	}
	if (tap(ok, "fmap: %s: a copy with a byte in its data page's padding", name))
		test_fmap_path(tmp, "onecopy, a byte in the padding", true);
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
	free(image);
}

void test_fmap(const char *dir)
{
	if (!dir) {
		tap(0, "fmap: ELFK_PLUGINS is set");
		return;
	}
	/* GNU ld's layout, its data at the file offset of its place. */
	test_fmap_one(dir, "onecopy", true);
	test_fmap_padding(dir, "onecopy");
	/* Its data a page past its file offset; IFUNC: the RELRO-writable walk. */
	test_fmap_one(dir, "ifunc", false);
}
