// SPDX-License-Identifier: GPL-2.0
/*
 * Loaded objects: the load pipeline, teardown, symbol lookup and calls.
 *
 * elfk_object_load() reads as the phases of a load:
 *
 *   elfk_image_load() -> register -> init -> publish
 *
 * where elfk_image_load() (lib/load.c) is the core's one sequence of
 * validate -> allocate -> place -> bind -> relocate -> protect, run here
 * with vmalloc memory, page permissions and the kernel's lookup scope.
 *
 * Every object, however far its load got, is torn down by one function,
 * elfk_object_release(), when its last reference goes; it undoes exactly
 * what was done, in reverse.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "internal.h"
#include "../lib/bind.h"

unsigned int elfk_max_image_size = 64 << 20;
module_param_named(max_image_size, elfk_max_image_size, uint, 0644);
MODULE_PARM_DESC(max_image_size, "Largest ELF image LOAD accepts, in bytes");

unsigned int elfk_max_objects = 1024;
module_param_named(max_objects, elfk_max_objects, uint, 0644);
MODULE_PARM_DESC(max_objects, "Most objects loaded at once");

unsigned int elfk_max_objects_per_user = 256;
EXPORT_SYMBOL_IF_KUNIT(elfk_max_objects_per_user);
module_param_named(max_objects_per_user, elfk_max_objects_per_user, uint, 0644);
MODULE_PARM_DESC(max_objects_per_user, "Most objects one user may have loaded");

unsigned int elfk_max_call_buffer = 1 << 20;
module_param_named(max_call_buffer, elfk_max_call_buffer, uint, 0644);
MODULE_PARM_DESC(max_call_buffer, "Largest CALL buffer argument, in bytes");

static unsigned int elfk_max_symbols = 1 << 20;
module_param_named(max_symbols, elfk_max_symbols, uint, 0644);
MODULE_PARM_DESC(max_symbols, "Most dynamic symbols an object may have");

static unsigned int elfk_max_relocs = 1 << 22;
module_param_named(max_relocs, elfk_max_relocs, uint, 0644);
MODULE_PARM_DESC(max_relocs, "Most relocations an object may have");

static unsigned int elfk_max_sections = 4096;
module_param_named(max_sections, elfk_max_sections, uint, 0644);
MODULE_PARM_DESC(max_sections, "Most section headers an ET_REL object may have");

static unsigned int elfk_max_object_size = 64 << 20;
module_param_named(max_object_size, elfk_max_object_size, uint, 0644);
MODULE_PARM_DESC(max_object_size, "Most bytes an object's segments may span");

/* The caps in force now; parameters may change between loads. */
static void current_limits(struct elfk_limits *lim)
{
	lim->max_symbols = READ_ONCE(elfk_max_symbols);
	lim->max_relocs = READ_ONCE(elfk_max_relocs);
	lim->max_mem = READ_ONCE(elfk_max_object_size);
	lim->max_sections = READ_ONCE(elfk_max_sections);
}

typedef void (*elfk_ctor_t)(void);
typedef int (*elfk_init_t)(void);
typedef u64 (*elfk_fn6_t)(u64, u64, u64, u64, u64, u64);

static unsigned long runtime_addr(struct elfk_object *obj, u64 vaddr)
{
	return (unsigned long)elfk_elf_run_ptr(&obj->elf, vaddr);
}

typedef u64 (*elfk_ifunc_resolver_t)(void);

/*
 * The lookup scope of an object's undefined symbols: its dependencies
 * breadth-first (the object's own definitions were bound by the core
 * already), then the exported kernel-symbol table.  Kernel symbols carry
 * no versions, so a versioned reference can only bind in the scope.  The
 * name was hashed once by the core: every object and the kernel table
 * reuse @key->hash.
 */
static int resolve_cb(void *ctx, const struct elfk_sym_key *key,
		      struct elfk_sym_result *res)
{
	struct elfk_object *obj = ctx, *dep;
	const Elf64_Sym *sym;
	int err;
	u32 i;

	for (i = 0; i < obj->nr_scope; i++) {
		dep = obj->scope[i];
		sym = elfk_elf_lookup_key(&dep->elf, key);
		if (!sym)
			continue;
		err = elfk_bind_dep(&dep->elf, sym, key->type, &elfk_arch_ops,
				    elfk_arch_mem_ops.enforces_branch_targets(), res);
		if (err == -ENOENT)
			continue;
		/* The dependency is live, so its resolver can run. */
		if (err == ELFK_BIND_CALL)
			res->value = ((elfk_ifunc_resolver_t)res->value)();
		return err == ELFK_BIND_CALL ? 0 : err;
	}
	if (key->version || key->type == STT_TLS)
		return -ENOENT;
	return elfk_symtab_resolve(obj, key->name, key->hash, &res->value);
}

/*
 * Bind the names of the objects this one needs (DT_NEEDED, or an ET_REL
 * object's .elfk.needed) to loaded objects, each by its DT_SONAME or, if
 * it has none (every ET_REL object), by the name it was loaded under, and
 * compute the lookup scope.
 */
static int elfk_object_link(struct elfk_object *obj, struct elfk_log *log)
{
	struct elfk_object *dep;
	u32 i, j, k;

	for (i = 0; i < obj->elf.nr_needed; i++) {
		const char *name = elfk_elf_needed(&obj->elf, i);

		dep = elfk_registry_get_provider(name);
		if (!dep)
			return elfk_reject(log, -ENOENT,
					   "%s '%s': no loaded object provides it",
					   elfk_elf_fmt(&obj->elf)->needed_from,
					   name);
		/* Its code runs only through the sandbox's entry (T5). */
		if (dep->sb) {
			elfk_object_put(dep);
			return elfk_reject(log, -EOPNOTSUPP,
					   "DT_NEEDED '%s' is a verified object: nothing links to one",
					   name);
		}
		obj->deps[obj->nr_deps++] = dep;
	}
	if (!obj->nr_deps)
		return 0;
	obj->scope = kcalloc(ELFK_MAX_SCOPE, sizeof(*obj->scope),
			     GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!obj->scope)
		return -ENOMEM;
	for (i = 0; i < obj->nr_deps; i++)
		obj->scope[obj->nr_scope++] = obj->deps[i];
	for (i = 0; i < obj->nr_scope; i++) {
		dep = obj->scope[i];
		for (j = 0; j < dep->nr_scope; j++) {
			for (k = 0; k < obj->nr_scope; k++)
				if (obj->scope[k] == dep->scope[j])
					break;
			if (k < obj->nr_scope)
				continue;
			if (obj->nr_scope == ELFK_MAX_SCOPE)
				return elfk_reject(log, -E2BIG,
						   "more than %u objects in the lookup scope",
						   ELFK_MAX_SCOPE);
			obj->scope[obj->nr_scope++] = dep->scope[j];
		}
	}
	elfk_log_verbose(log, "link: %u dependencies, %u objects in scope",
			 obj->nr_deps, obj->nr_scope);
	return 0;
}

/* Every TLS block the object's code may touch, for the calling task. */
static int elfk_object_prepare_tls(struct elfk_object *obj)
{
	int err = elfk_tls_prepare(obj);
	u32 i;

	for (i = 0; !err && i < obj->nr_scope; i++)
		err = elfk_tls_prepare(obj->scope[i]);
	return err;
}

/* ---- protection --------------------------------------------------------- */

/*
 * Page permissions without a TLB flush (Documentation/design.rst, "Two
 * mappings, no flush at LOAD"): the object is written through @obj->alias
 * and runs in @obj->run_area, a fresh read-only mapping nothing has
 * executed or written.  Its PTEs go from R to their final permission in
 * one step, and only ever gain one (R to RX, R to RW): a stale TLB entry
 * is then at most less permissive than the PTE, which costs a spurious
 * fault, never a write to code or a stale executable page.
 */
static int run_prot(void *ctx, u64 offset, u64 len, u32 prot)
{
	struct elfk_object *obj = ctx;

	/* Read-only is what vmap() gave: no change, and no write of a PTE. */
	if (prot == ELFK_PROT_R)
		return 0;
	if (prot & ELFK_PROT_X)
		obj->executable = true;
	return elfk_arch_mem_ops.set_prot(obj->elf.run + offset, len, prot);
}

/*
 * The writable alias goes before anything runs that need not write through
 * it: before the code is executable, unless IFUNC resolvers must run first
 * (their results go through the alias; the code is never writable through
 * the mapping it runs from).
 */
static void drop_alias(struct elfk_object *obj)
{
	if (!obj->alias)
		return;
	elfk_elf_rebase_to_run(&obj->elf);
	vunmap(obj->alias);
	obj->alias = NULL;
}

static int protect_range(void *ctx, u64 offset, u64 len, u32 prot)
{
	struct elfk_object *obj = ctx;

	/*
	 * The core walks the permissions once, or twice around IFUNC
	 * resolution with RELRO writable, calling this for each range and
	 * protect_flush() after each walk.  The run mapping gets its final
	 * permissions at the first call (RELRO stays read-only there: IFUNC
	 * results are written through the alias), so it never loses one.
	 */
	if (obj->run_final) {
		if (obj->walked)
			drop_alias(obj);
		return 0;
	}
	obj->run_final = true;
	if (!obj->elf.nr_ifunc_relocs)
		drop_alias(obj);
	return elfk_elf_walk_prot(&obj->elf, run_prot, obj);
}

static void protect_flush(void *ctx)
{
	struct elfk_object *obj = ctx;

	/* No flush: nothing lost a permission (see run_prot()). */
	obj->walked = true;
}

/* ---- constructors and destructors -------------------------------------- */

static void run_array(struct elfk_object *obj, u64 vaddr, u64 size,
		      bool reverse)
{
	const u64 *fn = elfk_elf_ptr(&obj->elf, vaddr);
	u64 i, n = size / sizeof(u64);

	for (i = 0; i < n; i++) {
		u64 f = fn[reverse ? n - 1 - i : i];

		/* elfk_elf_check_entries() vetted every other value. */
		if (f && f != (u64)-1)
			((elfk_ctor_t)(unsigned long)f)();
	}
}

static int elfk_object_init(struct elfk_object *obj, struct elfk_log *log)
{
	const struct elfk_dynamic *dyn = &obj->elf.dyn;
	const Elf64_Sym *init;
	int err;

	obj->inited = true;
	/* Through the sandbox's entry, each entry a CALL (T11). */
	if (obj->sb)
		return elfk_sandbox_init(obj, log);
	if (ELFK_HAS(dyn, INIT))
		((elfk_ctor_t)runtime_addr(obj, dyn->init))();
	if (ELFK_HAS(dyn, INIT_ARRAY))
		run_array(obj, dyn->init_array, dyn->init_arraysz, false);
	init = elfk_object_find_func(obj, "elfk_init");
	if (!init)
		return 0;
	err = ((elfk_init_t)runtime_addr(obj, init->st_value))();
	if (err)
		return elfk_reject(log, err < 0 && err >= -MAX_ERRNO ? err : -EINVAL,
				   "elfk_init() returned %d", err);
	return 0;
}

static void elfk_object_fini(struct elfk_object *obj, bool call_exit)
{
	const struct elfk_dynamic *dyn = &obj->elf.dyn;
	const Elf64_Sym *exit;

	if (obj->sb) {
		elfk_sandbox_fini(obj, call_exit);
		return;
	}
	if (call_exit) {
		exit = elfk_object_find_func(obj, "elfk_exit");
		if (exit)
			((elfk_ctor_t)runtime_addr(obj, exit->st_value))();
	}
	if (ELFK_HAS(dyn, FINI_ARRAY))
		run_array(obj, dyn->fini_array, dyn->fini_arraysz, true);
	if (ELFK_HAS(dyn, FINI))
		((elfk_ctor_t)runtime_addr(obj, dyn->fini))();
}

/* ---- life cycle ---------------------------------------------------------- */

/*
 * Unmapped, the pages may still be executable in some CPU's TLB (vunmap()
 * flushes lazily): elfk_mem_retire() frees them after a batched flush.
 */
static void elfk_object_free_mem(struct elfk_object *obj)
{
	if (obj->alias)
		vunmap(obj->alias);
	if (obj->run_area)
		vunmap(obj->run_area);
	if (!obj->pages)
		return;
	if (obj->executable)
		elfk_mem_retire(obj->pages, obj->nr_pages);
	else
		elfk_mem_free_pages(obj->pages, obj->nr_pages);
}

static void elfk_object_release(struct kref *kref)
{
	struct elfk_object *obj = container_of(kref, struct elfk_object, kref);

	if (obj->inited)
		elfk_object_fini(obj, obj->state == ELFK_STATE_UNLOADING);
	elfk_tls_unregister(obj);
	elfk_self_release(&obj->self);
	elfk_sandbox_free(obj);
	elfk_object_free_mem(obj);
	elfk_symtab_unpin(obj);
	while (obj->nr_deps)
		elfk_object_put(obj->deps[--obj->nr_deps]);
	elfk_elf_release(&obj->elf);
	kfree(obj->scope);
	kfree(obj);
	module_put(THIS_MODULE);
}

/**
 * elfk_object_put() - release a reference to an object
 * @obj: the object, or NULL
 *
 * Dropping the last reference of an unloaded object runs its destructors
 * and frees it.
 *
 * Context: process context; may sleep.
 */
void elfk_object_put(struct elfk_object *obj)
{
	/*
	 * Even when this is not the last reference: it could have been.  The
	 * check without might_sleep()'s voluntary yield: a caller rescheduled
	 * here still holds its reference, and with calls in a loop (as in
	 * run-hostile.sh's race) an unload would find the object busy for ever.
	 */
	__might_sleep(__FILE__, __LINE__);
	if (obj)
		kref_put(&obj->kref, elfk_object_release);
}
EXPORT_SYMBOL_NS_GPL(elfk_object_put, ELFK_NS);

/*
 * Whether the file bytes [@off, @off + @len) overlap what an earlier
 * segment took in place.  Program headers may map one file page twice,
 * e.g. as code and as data: taken twice, one physical page would be
 * writable where the object runs and executable at once, and relocations
 * of one segment would rewrite the other.  Such a segment is copied.
 */
static bool taken_before(const struct elfk_elf *elf, u32 i, u64 off, u64 len)
{
	const struct elfk_segment *seg;
	u64 o;
	u32 j;

	for (j = 0; j < i; j++) {
		seg = &elf->segs[j];
		if (seg->in_place_start == seg->in_place_end)
			continue;
		o = seg->offset + (seg->in_place_start - seg->vaddr);
		if (off < o + (seg->in_place_end - seg->in_place_start) &&
		    o < off + len)
			return true;
	}
	return false;
}

/*
 * Fill @obj->pages[@first...] for the pages of @elf's file bytes
 * (elfk_elf_file_pages()): placing writes all of them, so none is zeroed,
 * and from an image held in pages (a LOAD through the ioctl) those at a
 * page-aligned file offset are the image's own pages, given to the object
 * in place instead of copied.  The image maps them read-only and is not
 * read after placing (elfk_dyn_place() drops elf->image); the object
 * writes them through its alias only, as it does every page it owns.
 * Return: the number of pages given in place.
 */
static unsigned long take_file_pages(struct elfk_object *obj,
				     struct elfk_elf *elf, unsigned long first)
{
	unsigned long in_place = 0, idx, pg;
	struct elfk_segment *seg;
	u64 start, end, va, off;
	bool take;
	u32 i;

	for (i = 0; i < elf->nr_segs; i++) {
		if (!elfk_elf_file_pages(elf, i, &start, &end))
			continue;
		seg = &elf->segs[i];
		off = seg->offset + (start - seg->vaddr);
		take = obj->image_pages && PAGE_ALIGNED(off) &&
		       !taken_before(elf, i, off, end - start);
		for (va = start; va < end; va += PAGE_SIZE) {
			idx = first + ((va - elf->vbase) >> PAGE_SHIFT);
			if (take) {
				pg = (off + (va - start)) >> PAGE_SHIFT;
				/* Parsing kept the file bytes inside the image. */
				if (WARN_ON_ONCE(pg >= obj->image_nr_pages))
					return in_place;
				get_page(obj->image_pages[pg]);
				obj->pages[idx] = obj->image_pages[pg];
				continue;
			}
			/* NULL: zeroed below, and placing still copies. */
			obj->pages[idx] = alloc_page(GFP_KERNEL_ACCOUNT |
						     __GFP_NOWARN);
		}
		if (take) {
			seg->in_place_start = start;
			seg->in_place_end = end;
			in_place += (end - start) >> PAGE_SHIFT;
		}
	}
	return in_place;
}

/*
 * The object's pages, mapped twice: read-only where it will run, and
 * writable at a separate address to place and relocate it.  Both are fresh
 * vmap() addresses, which no CPU can have in its TLB (vmalloc flushes an
 * address before reusing it), so neither needs a flush.  vmap() takes no
 * alignment: a larger p_align is met by mapping slack pages before the
 * object and running it from the first aligned address inside.  Where the
 * object starts among its pages is then known only once they are mapped,
 * so with slack every page is zeroed and placing copies them all; the
 * SDK links with max-page-size=4096, where there is none.
 */
static int elfk_object_alloc(void *ctx, struct elfk_elf *elf, void **base,
			     struct elfk_log *log)
{
	struct elfk_object *obj = ctx;
	unsigned long i, nr = elf->vsize >> PAGE_SHIFT, first, in_place = 0;
	unsigned long zeroed = 0;

	obj->nr_pages = nr + (elf->align >> PAGE_SHIFT) - 1;
	obj->pages = kvcalloc(obj->nr_pages, sizeof(*obj->pages),
			      GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!obj->pages)
		goto nomem;
	if (obj->nr_pages == nr)
		in_place = take_file_pages(obj, elf, 0);
	for (i = 0; i < obj->nr_pages; i++) {
		if (obj->pages[i])
			continue;
		/* .bss, gaps, the ends of partial pages, slack. */
		obj->pages[i] = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO |
					   __GFP_NOWARN);
		if (!obj->pages[i])
			goto nomem;
		zeroed++;
	}
	obj->run_area = vmap(obj->pages, obj->nr_pages, VM_MAP, PAGE_KERNEL_RO);
	if (!obj->run_area)
		goto nomem;
	elf->run = PTR_ALIGN((u8 *)obj->run_area, elf->align);
	first = (elf->run - (u8 *)obj->run_area) >> PAGE_SHIFT;
	obj->alias = vmap(obj->pages + first, nr, VM_MAP, PAGE_KERNEL);
	if (!obj->alias)
		goto nomem;
	obj->alias_addr = (unsigned long)obj->alias;
	*base = obj->alias;
	elfk_log_verbose(log, "pages: %lu of %lu in place, %lu zeroed", in_place,
			 obj->nr_pages, zeroed);
	return 0;

nomem:
	/* elfk_object_release() frees what was allocated. */
	return elfk_reject(log, -ENOMEM,
			   "could not allocate 0x%llx bytes for the segments",
			   (unsigned long long)elf->vsize);
}

static int elfk_object_bind(void *ctx, struct elfk_elf *elf,
			    struct elfk_log *log)
{
	struct elfk_object *obj = ctx;

	return elfk_object_link(obj, log) ?: elfk_tls_register(obj, log);
}

/**
 * elfk_object_load() - load an ELF image into the kernel
 * @image: the image, in kernel memory; only read during the call
 * @len: its length
 * @opts: name, flags and log buffer; @opts->log_true_size is set on return
 *
 * Validates, maps, relocates and protects the object, runs its constructors
 * and its elfk_init(), then lists it in the registry.  On any failure
 * everything done so far is undone and the log says why.
 *
 * Context: process context; may sleep.
 * Return: the object, holding one reference for the caller (drop it with
 * elfk_object_put(); the registry keeps its own until elfk_object_unload()),
 * or an ERR_PTR(): -EPERM (elfk locked, kernel locked down),
 * -EKEYREJECTED (signature required or rejected), -EBADMSG, -ENOKEY,
 * -ENOPKG (see elfk_policy_check_image()), -ENOEXEC, -EOPNOTSUPP,
 * -ENOENT, -ERANGE, -E2BIG, -EFBIG, -EEXIST (name taken), -EINVAL (a name
 * of the reserved form obj<N>), -ENOSPC (log buffer too small), -ENOMEM,
 * or what elfk_init() returned.
 */
struct elfk_object *elfk_object_load(const void *image, size_t len,
				     struct elfk_load_opts *opts)
{
	might_sleep();
	return elfk_object_load_commit(image, len, NULL, opts, NULL, NULL);
}
EXPORT_SYMBOL_NS_GPL(elfk_object_load, ELFK_NS);

/*
 * elfk_object_load() with a last step that may still fail the load: @commit
 * runs after elfk_init(), before the object is published (nobody else can
 * have reached it), with @opts->log_true_size final.  If it fails, the
 * object is torn down as an unload would (elfk_exit(), then destructors),
 * so the caller's failure leaves nothing loaded.  The ioctl copies its
 * results to user memory there.  @pages, if set, holds @image (its
 * read-only vmap()): the object may take pages of it (elfk_object_alloc()),
 * so nothing may read the image after this returns, and the caller drops
 * its own references to the pages.
 */
struct elfk_object *elfk_object_load_commit(const void *image, size_t len,
					    const struct elfk_image *pages,
					    struct elfk_load_opts *opts,
					    elfk_load_commit_t commit, void *ctx)
{
	struct elfk_load_env env = {
		.arch = &elfk_arch_ops,
		.alloc = elfk_object_alloc,
		.bind = elfk_object_bind,
		.protect = protect_range,
		.flush = protect_flush,
	};
	struct elfk_resolver res = { .lookup_key = resolve_cb };
	struct elfk_limits lim;
	struct elfk_object *obj;
	struct elfk_log log;
	int err;

	elfk_log_init(&log, opts->log_buf, opts->log_size, opts->log_level);
	if (opts->flags & ~ELFK_LOAD_VERIFIED) {
		err = elfk_reject(&log, -EINVAL, "unknown flags 0x%x",
				  opts->flags & ~ELFK_LOAD_VERIFIED);
		goto out;
	}
	if (!(opts->flags & ELFK_LOAD_VERIFIED) && READ_ONCE(elfk_require_verified)) {
		err = elfk_reject(&log, -EPERM,
				  "require_verified is set: only verified loads (ELFK_LOAD_VERIFIED) are allowed");
		goto out;
	}
	err = elfk_policy_check_image(image, &len, &log);
	if (err)
		goto out;
	if (len > elfk_max_image_size) {
		err = elfk_reject(&log, -EFBIG,
				  "image is %zu bytes, above the max_image_size cap of %u",
				  len, elfk_max_image_size);
		goto out;
	}
	obj = kzalloc(sizeof(*obj), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!obj) {
		err = elfk_reject(&log, -ENOMEM, "out of memory for the object");
		goto out;
	}
	kref_init(&obj->kref);
	/* Until it is freed, the object's code and teardown need elfk. */
	__module_get(THIS_MODULE);
	INIT_LIST_HEAD(&obj->pinned);
	elfk_self_init(&obj->self, obj->name);
	strscpy(obj->name, opts->name ?: "(loading)", sizeof(obj->name));

	current_limits(&lim);
	env.limits = &lim;
	env.resolver = &res;
	env.log = &log;
	env.check_branch_targets = elfk_arch_mem_ops.enforces_branch_targets();
	env.check_ifunc_targets = env.check_branch_targets;
	env.ctx = obj;
	res.ctx = obj;
	if (opts->flags & ELFK_LOAD_VERIFIED) {
		err = elfk_sandbox_prepare(obj, &env, &log);
		if (err)
			goto fail;
	}
	/* The sandbox allocates its own window: it copies. */
	if (pages && !(opts->flags & ELFK_LOAD_VERIFIED)) {
		obj->image_pages = pages->pages;
		obj->image_nr_pages = pages->nr_pages;
	}
	err = elfk_image_load(&obj->elf, image, len, &env);
	obj->sb_log = NULL;
	obj->image_pages = NULL;
	obj->image_nr_pages = 0;
	if (err)
		goto fail;

	err = elfk_registry_reserve(obj, opts->name, &log);
	if (err)
		goto fail;
	elfk_log_verbose(&log, "registered as id %u, name '%s'", obj->id,
			 obj->name);
	/* As for the BPF verifier: a truncated log fails the load. */
	if (elfk_log_truncated(&log)) {
		err = -ENOSPC;
		goto fail_registered;
	}

	err = elfk_object_prepare_tls(obj);
	if (err) {
		elfk_reject(&log, err, "could not allocate the loading task's TLS blocks");
		goto fail_registered;
	}
	err = elfk_object_init(obj, &log);
	if (err)
		goto fail_registered;
	opts->log_true_size = elfk_log_true_size(&log);
	err = commit ? commit(ctx, obj) : 0;
	if (err) {
		elfk_registry_remove(obj);
		/* elfk_init() succeeded: elfk_exit() must run too. */
		WRITE_ONCE(obj->state, ELFK_STATE_UNLOADING);
		goto fail;
	}
	kref_get(&obj->kref);
	elfk_registry_publish(obj);
	return obj;

fail_registered:
	elfk_registry_remove(obj);
fail:
	elfk_object_put(obj);
out:
	opts->log_true_size = elfk_log_true_size(&log);
	if (elfk_log_truncated(&log))
		err = -ENOSPC;
	return ERR_PTR(err);
}

/**
 * elfk_object_unload() - unload an object the caller holds a reference to
 * @obj: the object
 *
 * Takes the object out of the registry, unless someone besides the registry
 * and the caller holds it.  Its destructors run when the caller drops its
 * reference with elfk_object_put().
 *
 * Return: 0, -EBUSY if the object is in use, or -ENOENT if it is not live.
 */
int elfk_object_unload(struct elfk_object *obj)
{
	int err = elfk_registry_unpublish(obj, ELFK_REFS_REGISTRY + ELFK_REFS_CALLER);

	if (!err)
		elfk_object_put(obj);
	return err;
}
EXPORT_SYMBOL_NS_GPL(elfk_object_unload, ELFK_NS);

/**
 * elfk_object_id() - the registry id of an object
 * @obj: the object
 *
 * Return: its id, never 0.
 */
u32 elfk_object_id(const struct elfk_object *obj)
{
	return obj->id;
}
EXPORT_SYMBOL_NS_GPL(elfk_object_id, ELFK_NS);

u32 elfk_object_refcount(struct elfk_object *obj)
{
	return kref_read(&obj->kref);
}

/* An exported function symbol whose address lies in the object's text. */
const Elf64_Sym *elfk_object_find_func(struct elfk_object *obj,
				       const char *name)
{
	const Elf64_Sym *sym = elfk_elf_lookup(&obj->elf, name);

	if (!sym || ELF64_ST_TYPE(sym->st_info) != STT_FUNC ||
	    sym->st_shndx == SHN_ABS || !elfk_elf_is_text(&obj->elf, sym->st_value))
		return NULL;
	return sym;
}

static bool in_array(struct elfk_object *obj, u64 vaddr, u64 size,
		     unsigned long addr)
{
	const u64 *fn = elfk_elf_ptr(&obj->elf, vaddr);
	u64 i;

	for (i = 0; i < size / sizeof(u64); i++)
		if (fn[i] == addr)
			return true;
	return false;
}

/*
 * Load and unload run each life-cycle entry point exactly once: elfk_init,
 * elfk_exit, DT_INIT, DT_FINI and every init/fini array function.  Handing
 * one out would let a caller run it again, e.g. an elfk_exit() that the
 * unload then runs a second time on freed state.  Aliases are caught by
 * address, the SDK's names also by name.
 */
static bool is_lifecycle(struct elfk_object *obj, const char *name,
			 const Elf64_Sym *sym)
{
	static const char * const names[] = { "elfk_init", "elfk_exit" };
	const struct elfk_dynamic *dyn = &obj->elf.dyn;
	const Elf64_Sym *entry;
	unsigned long addr;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return true;
	if (sym->st_shndx == SHN_ABS || ELF64_ST_TYPE(sym->st_info) == STT_TLS)
		return false;
	/* A verified object can write its own arrays: ask LOAD's copies. */
	if (obj->sb)
		return elfk_sandbox_is_life(obj, sym->st_value);
	addr = runtime_addr(obj, sym->st_value);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		entry = elfk_object_find_func(obj, names[i]);
		if (entry && runtime_addr(obj, entry->st_value) == addr)
			return true;
	}
	if ((ELFK_HAS(dyn, INIT) && runtime_addr(obj, dyn->init) == addr) ||
	    (ELFK_HAS(dyn, FINI) && runtime_addr(obj, dyn->fini) == addr))
		return true;
	return (ELFK_HAS(dyn, INIT_ARRAY) &&
		in_array(obj, dyn->init_array, dyn->init_arraysz, addr)) ||
	       (ELFK_HAS(dyn, FINI_ARRAY) &&
		in_array(obj, dyn->fini_array, dyn->fini_arraysz, addr));
}

/* Whether CALL and SYM must refuse @sym (found as @name); says why if so. */
bool elfk_object_refuse_lifecycle(struct elfk_object *obj, const char *name,
				  const Elf64_Sym *sym)
{
	if (!is_lifecycle(obj, name, sym))
		return false;
	pr_notice_ratelimited("%s: '%s' is a life-cycle entry point; only load and unload run it\n",
			      obj->name, name);
	return true;
}

/**
 * elfk_object_sym() - the address of a symbol an object exports
 * @obj: the object, referenced by the caller
 * @name: the symbol
 *
 * Life-cycle entry points (elfk_init, elfk_exit, DT_INIT, DT_FINI, init and
 * fini array functions) are not handed out.
 *
 * Return: the address, valid while the reference is held, or NULL.
 */
void *elfk_object_sym(struct elfk_object *obj, const char *name)
{
	const Elf64_Sym *sym = elfk_elf_lookup(&obj->elf, name);

	/* A verified object's code and data are reached through CALL only. */
	if (!sym || sym->st_shndx == SHN_ABS || obj->sb)
		return NULL;
	if (elfk_object_refuse_lifecycle(obj, name, sym))
		return NULL;
	return (void *)runtime_addr(obj, sym->st_value);
}
EXPORT_SYMBOL_NS_GPL(elfk_object_sym, ELFK_NS);

/**
 * elfk_object_call() - call a function an object exports
 * @obj: the object, referenced by the caller for the whole call
 * @name: an STT_FUNC symbol in the object's text
 * @args: the integer arguments
 * @nr_args: their number, at most ELFK_CALL_MAX_ARGS
 * @ret: out: the function's return value
 *
 * Context: process context; what the function may do is up to it.
 * Return: 0, -EINVAL for too many arguments, -ENOENT if no such function,
 * -EACCES for a life-cycle entry point (elfk_init, elfk_exit, DT_INIT,
 * DT_FINI, an init or fini array function: only load and unload run them),
 * -ENOMEM if the calling task's TLS block for the object cannot be allocated;
 * for a verified object also -ETIME, -EFAULT, -EINTR, -EBUSY, -ENOEXEC
 * (elfk_sandbox_call()).
 */
int elfk_object_call(struct elfk_object *obj, const char *name,
		     const u64 *args, unsigned int nr_args, u64 *ret)
{
	u64 a[ELFK_CALL_MAX_ARGS] = { 0 };
	const Elf64_Sym *sym;
	elfk_fn6_t fn;
	int err;

	if (nr_args > ELFK_CALL_MAX_ARGS)
		return -EINVAL;
	sym = elfk_object_find_func(obj, name);
	if (!sym)
		return -ENOENT;
	if (elfk_object_refuse_lifecycle(obj, name, sym))
		return -EACCES;
	if (obj->sb)
		return elfk_sandbox_call(obj, sym, args, nr_args, ret);
	/* The task's TLS blocks exist before the plugin's code runs. */
	err = elfk_object_prepare_tls(obj);
	if (err)
		return err;
	memcpy(a, args, nr_args * sizeof(*a));
	fn = (elfk_fn6_t)runtime_addr(obj, sym->st_value);
	*ret = fn(a[0], a[1], a[2], a[3], a[4], a[5]);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(elfk_object_call, ELFK_NS);
