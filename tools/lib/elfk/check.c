// SPDX-License-Identifier: GPL-2.0
/*
 * libelfk: the kernel's validator in userspace.
 *
 * The portable core (lib/, the same sources elfk.ko is built from) is
 * reached through one function, core_load(), which runs the kernel's load
 * driver (elfk_image_load(), lib/load.c) over a userspace environment:
 * anonymous memory above 4 GiB, a resolver over the kernel's exported-symbol list,
 * and no page permissions.  Nothing of the object ever runs.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "fmap.h"
#include "libelfk.h"
#include "ksyms.h"

#define API __attribute__((visibility("default")))

/* The module's max_image_size default (elfk/object.c). */
#define MAX_IMAGE_SIZE (64U << 20)

/*
 * Where the kernel's symbols are assumed to be: as far from the object as
 * the kernel's text is from the vmalloc area elfk places objects in, so a
 * relocation that could not reach them in the kernel cannot here either.
 */
#define KSYM_DISTANCE 0x100000000000ULL

/*
 * Where the object is placed: above 4 GiB, as vmalloc addresses are, so
 * that a 32-bit absolute relocation against the object's own symbols fails
 * here as it fails in the kernel.  malloc() memory would not do: a static
 * binary's heap lies in the first 4 GiB.
 */
#define PLACE_HINT ((void *)0x100000000000ULL)

/* The signature trailer of scripts/sign-file (struct module_signature). */
#define SIG_MAGIC "~Module signature appended~\n"
#define SIG_INFO_LEN 12

/**
 * struct check_env - what core_load() is given for one image
 * @symbols: the kernel's exported names
 * @nr_symbols: how many
 * @ibt: check indirect-branch targets, as a kernel enforcing IBT
 * @relocate: bind and relocate (false: parse and place only)
 * @has_needed: the image names DT_NEEDED objects
 * @assumed: references bound to a DT_NEEDED object by assumption
 * @mem: where the object is placed (@fmap.base)
 * @fmap: its memory, from the file the image maps (ELFK_CHECK_FD: each
 *        segment's file pages in place, fmap.c) or anonymous (@fmap.fd -1)
 * @log: the caller's log
 */
struct check_env {
	const char *const *symbols;
	u32 nr_symbols;
	bool ibt;
	bool relocate;
	bool has_needed;
	u32 assumed;
	void *mem;
	struct elfk_fmap fmap;
	struct elfk_log *log;
};

static int ksym_index(const struct check_env *env, const char *name)
{
	u32 i;

	for (i = 0; i < env->nr_symbols; i++)
		if (!strcmp(env->symbols[i], name))
			return i;
	return -1;
}

/*
 * The kernel's resolve_cb() (elfk/object.c) without loaded objects: a
 * reference the kernel's table cannot satisfy may still be satisfied by a
 * DT_NEEDED object, which only the running kernel knows.
 */
static int check_lookup(void *ctx, const char *name, const char *version,
			const char *file, u8 type, struct elfk_sym_result *res)
{
	struct check_env *env = ctx;
	u64 far = (u64)(uintptr_t)env->mem + KSYM_DISTANCE;
	int i;

	if (!version && type != STT_TLS) {
		i = ksym_index(env, name);
		if (i >= 0) {
			res->value = far + 16 * (u64)i;
			return 0;
		}
	}
	if (!env->has_needed)
		return -ENOENT;
	env->assumed++;
	elfk_log_verbose(env->log,
			 "check: '%s' is not in the kernel's table: assumed to come from a DT_NEEDED object",
			 name);
	res->value = type == STT_TLS ? 0 : far - 16;
	res->tls_modid = 2;
	return 0;
}

static int no_prot(void *ctx, u64 offset, u64 len, u32 prot)
{
	return 0;
}

/*
 * elfk_image_load()'s memory: above 4 GiB, as vmalloc addresses are; with
 * the file, its pages of each segment's file bytes mapped in place, private
 * and copy-on-write, as ld.so maps a file (fmap.c).  Nothing of the object
 * runs here: executable segments are mapped readable only.
 */
static int check_alloc(void *ctx, struct elfk_elf *elf, void **base,
		       struct elfk_log *log)
{
	struct check_env *env = ctx;
	int err;

	env->fmap.hint = PLACE_HINT;
	env->fmap.min_addr = 0x100000000UL;
	env->fmap.flags = ELFK_FMAP_NORESERVE;
	err = elfk_fmap_alloc(&env->fmap, elf, base, log);
	if (err)
		return err;
	env->mem = *base;
	if (env->fmap.fd >= 0)
		elfk_log_verbose(log, "check: %llu bytes of the file mapped in place",
				 (unsigned long long)env->fmap.pages);
	return 0;
}

/* Before binding: whether a name the table lacks may be a dependency's. */
static int check_bind(void *ctx, struct elfk_elf *elf, struct elfk_log *log)
{
	struct check_env *env = ctx;

	env->has_needed = elf->nr_needed;
	return 0;
}

/*
 * After relocation the kernel would call IFUNC resolvers, the object's own
 * code: the check stops there, and walks the final permissions as the
 * kernel's last step would.
 */
static int check_observe(void *ctx, enum elfk_load_step done,
			 struct elfk_elf *elf)
{
	struct check_env *env = ctx;

	if (done != ELFK_LOAD_RELOCATED)
		return 0;
	if (elf->nr_ifunc_relocs)
		elfk_log_verbose(env->log,
				 "check: %u IFUNC relocations wait for their resolvers, which only the kernel runs",
				 elf->nr_ifunc_relocs);
	return elfk_elf_walk_prot_relro_rw(elf, no_prot, NULL) ?:
	       elfk_elf_walk_prot(elf, no_prot, NULL);
}

/*
 * The one entry point into the core: the kernel's load driver, in a
 * userspace environment, up to the first instruction of the object.
 */
static int core_load(struct elfk_elf *elf, const void *image, u64 len,
		     struct check_env *env)
{
	const struct elfk_resolver res = { .lookup_version = check_lookup,
					   .ctx = env };
	const struct elfk_load_env load = {
		.arch = &elfk_arch_ops,
		.resolver = &res,
		.log = env->log,
		.alloc = check_alloc,
		.bind = check_bind,
		.tls_modid = 1,
		.check_branch_targets = env->ibt,
		.observe = check_observe,
		.stop_after = env->relocate ? ELFK_LOAD_RELOCATED :
					      ELFK_LOAD_PLACED,
		.ctx = env,
	};

	return elfk_image_load(elf, image, len, &load);
}

static void core_release(struct elfk_elf *elf, struct check_env *env)
{
	elfk_elf_release(elf);
	elfk_fmap_free(&env->fmap);
	env->mem = NULL;
}

/* The length of the image without an appended signature. */
static size_t unsigned_len(const u8 *image, size_t len)
{
	size_t magic = sizeof(SIG_MAGIC) - 1;
	const u8 *info;
	u32 sig_len;

	if (len < magic + SIG_INFO_LEN ||
	    memcmp(image + len - magic, SIG_MAGIC, magic))
		return len;
	info = image + len - magic - SIG_INFO_LEN;
	sig_len = (u32)info[8] << 24 | (u32)info[9] << 16 |
		  (u32)info[10] << 8 | info[11];
	if (sig_len > len - magic - SIG_INFO_LEN)
		return len;
	return len - magic - SIG_INFO_LEN - sig_len;
}

API int elfk_check_image(const void *image, size_t len,
			 struct elfk_check_opts *opts)
{
	struct elfk_check_opts dflt = { 0 };
	struct check_env env = { .fmap.fd = -1 };
	struct elfk_elf elf = { 0 };
	struct elfk_log log;
	size_t n;
	int err;

	if (!opts)
		opts = &dflt;
	/* Callers built before @fd pass the size without it. */
	if (opts->size && opts->size < offsetof(struct elfk_check_opts, fd)) {
		errno = EINVAL;
		return -EINVAL;
	}
	if ((opts->flags & ~(ELFK_CHECK_IBT | ELFK_CHECK_FD)) ||
	    ((opts->flags & ELFK_CHECK_FD) &&
	     ((opts->size && opts->size < sizeof(*opts)) || opts->fd < 0))) {
		errno = EINVAL;
		return -EINVAL;
	}
	if (opts->log_buf && opts->log_size)
		elfk_log_init(&log, opts->log_buf, opts->log_size,
			      opts->log_level);
	else
		elfk_log_init(&log, NULL, 0, 0);
	env.symbols = opts->symbols ? opts->symbols : elfk_ksyms;
	env.nr_symbols = opts->symbols ? opts->nr_symbols : elfk_nr_ksyms;
	env.ibt = opts->flags & ELFK_CHECK_IBT;
	if (opts->flags & ELFK_CHECK_FD)
		env.fmap.fd = opts->fd;
	env.relocate = true;
	env.log = &log;

	n = unsigned_len(image, len);
	if (n != len)
		elfk_log_verbose(&log,
				 "check: skipped an appended signature (not verified): %zu signed bytes",
				 n);
	if (n > MAX_IMAGE_SIZE)
		err = elfk_reject(&log, -EFBIG,
				  "image is %zu bytes, above the max_image_size cap of %u",
				  n, MAX_IMAGE_SIZE);
	else
		err = core_load(&elf, image, n, &env);
	core_release(&elf, &env);
	if (!err)
		elfk_log_verbose(&log,
				 "check: accepted (%u references assumed to come from DT_NEEDED objects)",
				 env.assumed);
	opts->log_true_size = elfk_log_true_size(&log);
	/* As ELFK_IOC_LOAD: a truncated log fails, whatever else did. */
	if (elfk_log_truncated(&log))
		err = -ENOSPC;
	if (err)
		errno = -err;
	return err;
}

API int elfk_image_names(const void *image, size_t len,
			 struct elfk_image_names *names)
{
	struct check_env env = { .fmap.fd = -1 };
	struct elfk_elf elf = { 0 };
	struct elfk_log log;
	int err;
	u32 i;

	memset(names, 0, sizeof(*names));
	elfk_log_init(&log, NULL, 0, 0);
	env.log = &log;
	err = core_load(&elf, image, unsigned_len(image, len), &env);
	if (!err && elf.soname) {
		names->soname = strdup(elf.soname);
		if (!names->soname)
			err = -ENOMEM;
	}
	for (i = 0; !err && i < elf.nr_needed && i < ELFK_IMAGE_MAX_NEEDED; i++) {
		names->needed[i] = strdup(elfk_elf_needed(&elf, i));
		if (!names->needed[i])
			err = -ENOMEM;
		names->nr_needed = i + 1;
	}
	core_release(&elf, &env);
	if (err) {
		elfk_image_names_free(names);
		errno = -err;
	}
	return err;
}

API void elfk_image_names_free(struct elfk_image_names *names)
{
	unsigned int i;

	free(names->soname);
	for (i = 0; i < names->nr_needed; i++)
		free(names->needed[i]);
	memset(names, 0, sizeof(*names));
}
