/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel side of elfk shares between its files.
 */
#ifndef _ELFK_INTERNAL_H
#define _ELFK_INTERNAL_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/uidgid.h>
#include <linux/xarray.h>
#include <kunit/visibility.h>

#include "../lib/core.h"
#include "compat.h"
#include "elfk.h"
#include "sandbox.h"

/**
 * struct elfk_self - the per-object handle plugins receive as &__elfk_self
 * @name: the object's name, for log prefixes
 * @lock: protects the counters
 * @allocs: live allocations made through elfk_self_malloc(), indexed by
 *          the address handed out, each holding its size as a value entry;
 *          the only thing elfk_self_free() trusts
 * @nr_allocs: their number
 * @alloc_bytes: their payload size
 */
struct elfk_self {
	const char *name;
	spinlock_t lock; /* protects nr_allocs, alloc_bytes */
	struct xarray allocs;
	u32 nr_allocs;
	u64 alloc_bytes;
};

/**
 * struct elfk_object - a loaded object
 * @kref: references: the registry's, plus one per caller in flight
 * @id: registry id, never 0
 * @state: an &enum elfk_state value
 * @name: unique name
 * @elf: the core's view: placed through @alias, run at @run
 * @pages: the object's pages (with the slack before an aligned @run)
 * @nr_pages: their number
 * @run_area: where @pages are mapped to run: read-only until protected, and
 *            from then on never written to a more restrictive permission
 * @alias: writable mapping of the object's pages while loading, or NULL
 * @alias_addr: where @alias was, kept so KUnit can check nothing maps it
 * @run_final: @run_area has its final permissions
 * @walked: the core finished a permission walk (the IFUNC pass is over
 *          when it walks again)
 * @executable: some page of @run_area was made executable, so the pages
 *              must wait for a TLB flush before they are freed
 * @inited: constructors ran, so destructors must run at teardown
 * @pinned: modules whose symbols this object references
 * @self: the handle plugins use for logging and allocation
 * @owner: effective uid of the loader, for the max_objects_per_user cap
 * @by_name: the registry's index by @name
 * @by_provider: the registry's index by DT_SONAME (else @name)
 * @deps: the loaded objects its DT_NEEDED entries named, referenced
 * @nr_deps: their number
 * @scope: its dependencies breadth-first (@deps, then theirs, ...), each
 *         once; borrowed, since @deps pin them transitively
 * @nr_scope: their number
 * @sb: for a verified object (ELFK_LOAD_VERIFIED), its window (sandbox.c)
 * @sb_log: the log of a verified load in progress
 * @image_pages: while a LOAD from the ioctl is in progress, the pages
 *               holding its image (borrowed): whole pages of file bytes
 *               are given to the object from there (elfk_object_alloc())
 * @image_nr_pages: their number
 */
struct elfk_object {
	struct kref kref;
	u32 id;
	u32 state;
	char name[ELFK_NAME_LEN];
	struct elfk_elf elf;
	struct page **pages;
	unsigned long nr_pages;
	void *run_area;
	void *alias;
	unsigned long alias_addr;
	bool run_final;
	bool walked;
	bool executable;
	bool inited;
	struct list_head pinned;
	struct elfk_self self;
	kuid_t owner;
	struct rhash_head by_name;
	struct rhlist_head by_provider;
	struct elfk_object *deps[ELFK_MAX_NEEDED];
	u32 nr_deps;
	struct elfk_object **scope;
	u32 nr_scope;
	struct elfk_sandbox *sb;
	struct elfk_log *sb_log;
	struct page **image_pages;
	unsigned long image_nr_pages;
};

#define ELFK_MAX_SCOPE 64

/* arch/<arch>/symbols.c */
struct elfk_symbol *elfk_arch_symbols(unsigned int *nr);

/* symtab.c */
int elfk_symtab_init(void);
int elfk_symtab_resolve(struct elfk_object *obj, const char *name, u32 hash,
			u64 *value);
void elfk_symtab_unpin(struct elfk_object *obj);
#if IS_ENABLED(CONFIG_KUNIT)
const struct elfk_symbol *elfk_symtab_index_find(const struct elfk_symbol *syms,
						 unsigned int n,
						 const char *name,
						 unsigned int *compares);
#endif

/* runtime.c */
void elfk_self_init(struct elfk_self *self, const char *name);
void elfk_self_release(struct elfk_self *self);
__printf(2, 3) void elfk_self_printk(const struct elfk_self *self,
				     const char *fmt, ...);
void *elfk_self_malloc(struct elfk_self *self, size_t size);
void elfk_self_free(struct elfk_self *self, void *p);

/* tls.c */

/**
 * struct elfk_tls_index - what general-dynamic code passes __tls_get_addr()
 * @module: the TLS module id (R_X86_64_DTPMOD64)
 * @offset: the variable's offset in the block (R_X86_64_DTPOFF64)
 */
struct elfk_tls_index {
	u64 module;
	u64 offset;
};

int elfk_tls_init(void);
void elfk_tls_exit(void);
void *elfk_tls_get_addr(const struct elfk_tls_index *ti);
int elfk_tls_register(struct elfk_object *obj, struct elfk_log *log);
void elfk_tls_unregister(struct elfk_object *obj);
int elfk_tls_prepare(struct elfk_object *obj);
unsigned int elfk_tls_nr_blocks(struct elfk_object *obj);

/*
 * Who holds a reference on an object (its kref): the registry, while the
 * object is listed, and whoever looked it up or loaded it.  An object is
 * idle, so unloadable, when its count is exactly ELFK_REFS_REGISTRY plus
 * the unloading caller's ELFK_REFS_CALLER; anything above that is a user:
 * a CALL or SYM in progress, a dependent object, a module holding it.
 */
#define ELFK_REFS_REGISTRY	1
#define ELFK_REFS_CALLER	1

/* registry.c */
int elfk_registry_init(void);
void elfk_registry_exit(void);
unsigned int elfk_registry_user_objects(kuid_t uid);
int elfk_registry_reserve(struct elfk_object *obj, const char *name,
			  struct elfk_log *log);
void elfk_registry_publish(struct elfk_object *obj);
void elfk_registry_remove(struct elfk_object *obj);
int elfk_registry_unpublish(struct elfk_object *obj, unsigned int refs);
struct elfk_object *elfk_registry_next(u32 *id);
struct elfk_object *elfk_registry_get_provider(const char *soname);
int elfk_registry_dependent(struct elfk_object *dep, char *name, size_t size);
unsigned int elfk_registry_unload_all(void);

/* object.c */
extern unsigned int elfk_max_image_size;
extern unsigned int elfk_max_objects;
extern unsigned int elfk_max_call_buffer;
extern unsigned int elfk_max_objects_per_user;
const Elf64_Sym *elfk_object_find_func(struct elfk_object *obj,
				       const char *name);
bool elfk_object_refuse_lifecycle(struct elfk_object *obj, const char *name,
				  const Elf64_Sym *sym);
typedef int (*elfk_load_commit_t)(void *ctx, struct elfk_object *obj);

/*
 * An image read from user memory into pages, with one read-only vmap() of
 * them, @data, that parsing and every check read (ioctl.c).
 */
struct elfk_image {
	const void *data;
	size_t len;
	struct page **pages;
	unsigned long nr_pages;
};

struct elfk_object *elfk_object_load_commit(const void *image, size_t len,
					    const struct elfk_image *pages,
					    struct elfk_load_opts *opts,
					    elfk_load_commit_t commit, void *ctx);
u32 elfk_object_refcount(struct elfk_object *obj);

/* mem.c */
struct dentry;
struct page;
void elfk_mem_free_pages(struct page **pages, unsigned long nr);
void elfk_mem_retire(struct page **pages, unsigned long nr);
void elfk_mem_flush_all(void);
u64 elfk_mem_nr_flushes(void);
void elfk_mem_drain(void);
void elfk_mem_debugfs_init(struct dentry *dir);
void elfk_mem_exit(void);

/* debugfs.c */
void elfk_debugfs_init(void);
void elfk_debugfs_exit(void);

/* ioctl.c */
int elfk_device_register(void);
void elfk_device_unregister(void);

/* policy.c */
enum kernel_load_data_id;

/**
 * struct elfk_policy_lsm - stand-ins for the two LSM hooks, for KUnit
 * @load_data: security_kernel_load_data()
 * @post_load_data: security_kernel_post_load_data()
 */
struct elfk_policy_lsm {
	int (*load_data)(enum kernel_load_data_id id, bool contents);
	int (*post_load_data)(char *buf, loff_t size,
			      enum kernel_load_data_id id, char *description);
};

bool elfk_policy_capable(void);
int elfk_policy_load_data(struct elfk_log *log);
int elfk_policy_post_load_data(void *image, size_t len, struct elfk_log *log);
int elfk_policy_check_image(const void *image, size_t *len,
			    struct elfk_log *log);
#if IS_ENABLED(CONFIG_KUNIT)
extern const struct elfk_policy_lsm *elfk_policy_test_lsm;
int elfk_sig_split(const void *image, size_t *len, const void **sig,
		   size_t *sig_len, struct elfk_log *log);
#endif

#endif /* _ELFK_INTERNAL_H */
