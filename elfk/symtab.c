// SPDX-License-Identifier: GPL-2.0
/*
 * The exported kernel-symbol table: the allow-list plugins link against.
 *
 * Nothing else in the kernel is reachable by name.  The core table is
 * declared here with one ELFK_SYMBOL() per entry, the architecture adds its
 * own (return and indirect-branch thunks), and other modules may add tables
 * with elfk_symtab_register().  Every table is sorted once and searched by
 * bisection; an object that binds to another module's table pins that
 * module until the object is unloaded.
 */
#include <linux/bsearch.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sort.h>
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

static struct elfk_symtab core_tab = {
	.syms = core_syms,
	.nr_syms = ARRAY_SIZE(core_syms),
};

static struct elfk_symtab arch_tab;

/* Tables added by other modules, in registration order. */
static LIST_HEAD(ext_tabs);
static DEFINE_MUTEX(ext_lock);

struct elfk_pin {
	struct list_head node;
	struct module *mod;
};

static int cmp_sym(const void *a, const void *b)
{
	return strcmp(((const struct elfk_symbol *)a)->name,
		      ((const struct elfk_symbol *)b)->name);
}

static int cmp_key(const void *key, const void *elt)
{
	return strcmp(key, ((const struct elfk_symbol *)elt)->name);
}

static int sort_table(struct elfk_symtab *tab)
{
	unsigned int i;

	sort(tab->syms, tab->nr_syms, sizeof(*tab->syms), cmp_sym, NULL);
	for (i = 1; i < tab->nr_syms; i++)
		if (!strcmp(tab->syms[i - 1].name, tab->syms[i].name))
			return -EEXIST;
	return 0;
}

static const struct elfk_symbol *find(const struct elfk_symtab *tab,
				      const char *name)
{
	return bsearch(name, tab->syms, tab->nr_syms, sizeof(*tab->syms),
		       cmp_key);
}

int __init elfk_symtab_init(void)
{
	int err;

	arch_tab.syms = elfk_arch_symbols(&arch_tab.nr_syms);
	err = sort_table(&core_tab);
	if (!err && arch_tab.nr_syms)
		err = sort_table(&arch_tab);
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
 * Resolve an undefined symbol of @obj.  The handle symbol resolves to the
 * object's own struct elfk_self; everything else must be on a table.
 */
int elfk_symtab_resolve(struct elfk_object *obj, const char *name, u64 *value)
{
	const struct elfk_symbol *sym;
	struct elfk_symtab *tab;
	int err = -ENOENT;

	if (!strcmp(name, ELFK_SELF_SYMBOL)) {
		*value = (unsigned long)&obj->self;
		return 0;
	}
	sym = find(&core_tab, name);
	if (!sym && arch_tab.nr_syms)
		sym = find(&arch_tab, name);
	if (sym) {
		*value = (unsigned long)sym->addr;
		return 0;
	}

	mutex_lock(&ext_lock);
	list_for_each_entry(tab, &ext_tabs, node) {
		sym = find(tab, name);
		if (!sym)
			continue;
		err = tab->owner ? pin(obj, tab->owner) : 0;
		if (!err)
			*value = (unsigned long)sym->addr;
		break;
	}
	mutex_unlock(&ext_lock);
	return err;
}

/**
 * elfk_symtab_register() - add a table of symbols plugins may link against
 * @tab: the table; @tab->syms is sorted in place and must stay valid until
 *       elfk_symtab_unregister()
 *
 * Names already provided by elfk's own tables or by another registered
 * table are refused, so a name always means one address.  An object that
 * binds to one of these symbols holds a reference on @tab->owner until it
 * is unloaded.
 *
 * Context: process context; takes a mutex.
 * Return: 0, -EINVAL for an empty table or one without an owner module,
 * or -EEXIST for a duplicate name.
 */
int elfk_symtab_register(struct elfk_symtab *tab)
{
	struct elfk_symtab *other;
	unsigned int i;
	int err;

	/*
	 * The owner is what objects bound to the table pin: without one, its
	 * module could unload under them.
	 */
	if (!tab->owner || !tab->nr_syms || !tab->syms)
		return -EINVAL;
	err = sort_table(tab);
	if (err)
		return err;
	mutex_lock(&ext_lock);
	for (i = 0; i < tab->nr_syms && !err; i++) {
		const char *name = tab->syms[i].name;

		if (!strcmp(name, ELFK_SELF_SYMBOL) || find(&core_tab, name) ||
		    (arch_tab.nr_syms && find(&arch_tab, name)))
			err = -EEXIST;
		list_for_each_entry(other, &ext_tabs, node)
			if (find(other, name))
				err = -EEXIST;
	}
	if (!err)
		list_add_tail(&tab->node, &ext_tabs);
	mutex_unlock(&ext_lock);
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
	mutex_lock(&ext_lock);
	list_del(&tab->node);
	mutex_unlock(&ext_lock);
}
EXPORT_SYMBOL_NS_GPL(elfk_symtab_unregister, ELFK_NS);
