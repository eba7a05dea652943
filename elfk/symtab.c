// SPDX-License-Identifier: GPL-2.0
/*
 * The exported kernel-symbol table: the allow-list plugins link against.
 *
 * Nothing else in the kernel is reachable by name.  The core table is
 * declared here with one ELFK_SYMBOL() per entry, the architecture adds its
 * own (return and indirect-branch thunks), and other modules may add tables
 * with elfk_symtab_register().  Every table has a hash index, built once:
 * buckets of chains keyed by the GNU hash of the name, which the core
 * computed once per import, so a lookup compares names only where the
 * whole 32-bit hash matched.  An object that binds to another module's
 * table pins that module until the object is unloaded.
 */
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compat.h"
#include "internal.h"

/* The name a plugin uses for its own handle; see struct elfk_self. */
#define ELFK_SELF_SYMBOL "__elfk_self"

static struct elfk_symbol core_syms[] = {
	ELFK_SYMBOL(memcpy),
	ELFK_SYMBOL(memmove),
	ELFK_SYMBOL(memset),
	ELFK_SYMBOL(memcmp),
	ELFK_SYMBOL(strlen),
	ELFK_SYMBOL(strnlen),
	ELFK_SYMBOL(strcmp),
	ELFK_SYMBOL(strncmp),
	{ .name = "strscpy", .addr = (void *)&elfk_strscpy_export },
	ELFK_SYMBOL(snprintf),
	ELFK_SYMBOL(vsnprintf),
	ELFK_SYMBOL(ktime_get_ns),
	ELFK_SYMBOL(elfk_self_printk),
	ELFK_SYMBOL(elfk_self_malloc),
	ELFK_SYMBOL(elfk_self_free),
	{ .name = "__tls_get_addr", .addr = elfk_tls_get_addr },
};

/*
 * A table's hash index: @bucket[hash & @mask] and @next[i] hold an entry's
 * index plus one (0 ends a chain), @hash[i] is entry i's GNU hash.
 */
struct elfk_symidx {
	const struct elfk_symbol *syms;
	unsigned int nr_syms;
	u32 mask;
	u32 *bucket;
	u32 *next;
	u32 *hash;
};

/* The built-in tables never change after init: their indexes are static. */
#define BUILTIN_MAX 64
static u32 core_store[BUILTIN_MAX * 3], arch_store[BUILTIN_MAX * 3];
static struct elfk_symidx core_idx, arch_idx;

/* A table added by another module, with its index (one allocation). */
struct elfk_ext {
	struct list_head node;
	struct elfk_symtab *tab;
	struct elfk_symidx idx;
	u32 store[];
};

/* Tables added by other modules, in registration order. */
static LIST_HEAD(ext_tabs);
static DEFINE_MUTEX(ext_lock);

struct elfk_pin {
	struct list_head node;
	struct module *mod;
};

/* u32 words an index of @n entries needs: buckets, chains and hashes. */
static size_t idx_words(unsigned int n)
{
	return (size_t)roundup_pow_of_two(max(n, 1U)) + 2 * (size_t)n;
}

/*
 * @cmps, when not NULL, counts the names compared (for KUnit: a lookup
 * compares a name only where the whole hash matched).
 */
static const struct elfk_symbol *idx_find(const struct elfk_symidx *idx,
					  const char *name, u32 hash,
					  unsigned int *cmps)
{
	u32 at;

	if (!idx->nr_syms)
		return NULL;
	for (at = idx->bucket[hash & idx->mask]; at; at = idx->next[at - 1]) {
		if (idx->hash[at - 1] != hash)
			continue;
		if (cmps)
			(*cmps)++;
		if (!strcmp(idx->syms[at - 1].name, name))
			return &idx->syms[at - 1];
	}
	return NULL;
}

/*
 * Index @n entries of @syms in @store (idx_words(@n) zeroed words); a name
 * twice in the table is refused.
 */
static int idx_build(struct elfk_symidx *idx, const struct elfk_symbol *syms,
		     unsigned int n, u32 *store)
{
	unsigned int i, nbuckets = roundup_pow_of_two(max(n, 1U));
	u32 h;

	idx->syms = syms;
	idx->nr_syms = 0;
	idx->mask = nbuckets - 1;
	idx->bucket = store;
	idx->next = store + nbuckets;
	idx->hash = store + nbuckets + n;
	for (i = 0; i < n; i++) {
		h = elfk_gnu_hash(syms[i].name);
		/* Entries 0..i-1 are indexed: look for the name among them. */
		idx->nr_syms = i;
		if (idx_find(idx, syms[i].name, h, NULL))
			return -EEXIST;
		idx->hash[i] = h;
		idx->next[i] = idx->bucket[h & idx->mask];
		idx->bucket[h & idx->mask] = i + 1;
	}
	idx->nr_syms = n;
	return 0;
}

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * elfk_symtab_index_find() - look a name up in a fresh index of a table
 * @syms: the entries
 * @n: how many
 * @name: the name looked up
 * @compares: set to the number of names compared
 *
 * For KUnit: builds the index elfk_symtab_register() builds, looks @name
 * up with its GNU hash, and frees the index.
 *
 * Return: the entry, NULL when not found, or an ERR_PTR() (-ENOMEM, or
 * -EEXIST for a name twice in @syms).
 */
const struct elfk_symbol *elfk_symtab_index_find(const struct elfk_symbol *syms,
						 unsigned int n,
						 const char *name,
						 unsigned int *compares)
{
	const struct elfk_symbol *sym;
	struct elfk_symidx idx;
	u32 *store;
	int err;

	*compares = 0;
	store = kcalloc(idx_words(n), sizeof(u32), GFP_KERNEL);
	if (!store)
		return ERR_PTR(-ENOMEM);
	err = idx_build(&idx, syms, n, store);
	sym = err ? ERR_PTR(err) :
		    idx_find(&idx, name, elfk_gnu_hash(name), compares);
	kfree(store);
	return sym;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_symtab_index_find);
#endif

int __init elfk_symtab_init(void)
{
	struct elfk_symbol *arch_syms;
	unsigned int nr_arch;
	int err;

	arch_syms = elfk_arch_symbols(&nr_arch);
	if (ARRAY_SIZE(core_syms) > BUILTIN_MAX || nr_arch > BUILTIN_MAX) {
		pr_err("the built-in symbol tables are larger than %u entries\n",
		       BUILTIN_MAX);
		return -E2BIG;
	}
	err = idx_build(&core_idx, core_syms, ARRAY_SIZE(core_syms), core_store);
	if (!err)
		err = idx_build(&arch_idx, arch_syms, nr_arch, arch_store);
	if (err)
		pr_err("duplicate name in the built-in symbol table\n");
	return err;
}

static int pin(struct elfk_object *obj, struct module *mod)
{
	struct elfk_pin *p;

	/* @mod's table is on ext_tabs: unregistering waits for the lock. */
	lockdep_assert_held(&ext_lock);
	list_for_each_entry(p, &obj->pinned, node)
		if (p->mod == mod)
			return 0;
	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	if (!try_module_get(mod)) {
		kfree(p);
		return -ENOENT;
	}
	p->mod = mod;
	list_add(&p->node, &obj->pinned);
	return 0;
}

void elfk_symtab_unpin(struct elfk_object *obj)
{
	struct elfk_pin *p, *tmp;

	list_for_each_entry_safe(p, tmp, &obj->pinned, node) {
		module_put(p->mod);
		list_del(&p->node);
		kfree(p);
	}
}

/*
 * Resolve an undefined symbol of @obj, whose GNU hash is @hash.  The handle
 * symbol resolves to the object's own struct elfk_self; everything else
 * must be on a table.
 */
int elfk_symtab_resolve(struct elfk_object *obj, const char *name, u32 hash,
			u64 *value)
{
	const struct elfk_symbol *sym;
	struct elfk_ext *ext;
	int err = -ENOENT;

	if (!strcmp(name, ELFK_SELF_SYMBOL)) {
		*value = (unsigned long)&obj->self;
		return 0;
	}
	sym = idx_find(&core_idx, name, hash, NULL);
	if (!sym)
		sym = idx_find(&arch_idx, name, hash, NULL);
	if (sym) {
		*value = (unsigned long)sym->addr;
		return 0;
	}

	mutex_lock(&ext_lock);
	list_for_each_entry(ext, &ext_tabs, node) {
		sym = idx_find(&ext->idx, name, hash, NULL);
		if (!sym)
			continue;
		err = ext->tab->owner ? pin(obj, ext->tab->owner) : 0;
		if (!err)
			*value = (unsigned long)sym->addr;
		break;
	}
	mutex_unlock(&ext_lock);
	return err;
}

/* Whether @name is taken by elfk or by a registered table. */
static bool name_taken(const char *name, u32 hash)
{
	struct elfk_ext *other;

	lockdep_assert_held(&ext_lock);
	if (!strcmp(name, ELFK_SELF_SYMBOL) ||
	    idx_find(&core_idx, name, hash, NULL) ||
	    idx_find(&arch_idx, name, hash, NULL))
		return true;
	list_for_each_entry(other, &ext_tabs, node)
		if (idx_find(&other->idx, name, hash, NULL))
			return true;
	return false;
}

/**
 * elfk_symtab_register() - add a table of symbols plugins may link against
 * @tab: the table; @tab->syms must stay valid and unchanged until
 *       elfk_symtab_unregister()
 *
 * Names already provided by elfk's own tables or by another registered
 * table are refused, so a name always means one address.  elfk builds a
 * hash index of the table (freed by elfk_symtab_unregister()).  An object
 * that binds to one of these symbols holds a reference on @tab->owner
 * until it is unloaded.
 *
 * Context: process context; takes a mutex.
 * Return: 0, -EINVAL for an empty table or one without an owner module,
 * -ENOMEM, or -EEXIST for a duplicate name.
 */
int elfk_symtab_register(struct elfk_symtab *tab)
{
	struct elfk_ext *ext;
	unsigned int i;
	int err;

	/*
	 * The owner is what objects bound to the table pin: without one, its
	 * module could unload under them.
	 */
	if (!tab->owner || !tab->nr_syms || !tab->syms)
		return -EINVAL;
	ext = kzalloc(struct_size(ext, store, idx_words(tab->nr_syms)),
		      GFP_KERNEL);
	if (!ext)
		return -ENOMEM;
	ext->tab = tab;
	err = idx_build(&ext->idx, tab->syms, tab->nr_syms, ext->store);
	if (err)
		goto out_free;
	mutex_lock(&ext_lock);
	for (i = 0; i < tab->nr_syms && !err; i++)
		if (name_taken(tab->syms[i].name, ext->idx.hash[i]))
			err = -EEXIST;
	if (!err)
		list_add_tail(&ext->node, &ext_tabs);
	mutex_unlock(&ext_lock);
	if (!err)
		return 0;
out_free:
	kfree(ext);
	return err;
}
EXPORT_SYMBOL_NS_GPL(elfk_symtab_register, ELFK_NS);

/**
 * elfk_symtab_unregister() - remove a table added by elfk_symtab_register()
 * @tab: the table
 *
 * Objects bound to the table's symbols pin its owner module, so a module
 * calling this from its exit function knows none of them is still loaded.
 *
 * Context: process context; takes a mutex.
 */
void elfk_symtab_unregister(struct elfk_symtab *tab)
{
	struct elfk_ext *ext, *found = NULL;

	mutex_lock(&ext_lock);
	list_for_each_entry(ext, &ext_tabs, node) {
		if (ext->tab == tab) {
			found = ext;
			list_del(&ext->node);
			break;
		}
	}
	mutex_unlock(&ext_lock);
	/* Lookups of @tab run under the lock: none can still use its index. */
	kfree(found);
}
EXPORT_SYMBOL_NS_GPL(elfk_symtab_unregister, ELFK_NS);
