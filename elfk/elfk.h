/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elfk's in-kernel API, for modules that deploy plugins through elfk or
 * extend its exported kernel-symbol table.  /dev/elfload is a thin client
 * of exactly these calls.
 *
 * The functions are exported in the symbol namespace ELFK: a module using
 * them says MODULE_IMPORT_NS(ELFK_NS) (compat.h spells the namespace the
 * way the kernel's macros want it).
 */
#ifndef _ELFK_ELFK_H
#define _ELFK_ELFK_H

#include <linux/list.h>
#include <linux/types.h>

#include "compat.h"

struct elfk_object;
struct module;

/**
 * struct elfk_load_opts - how to load an object
 * @name: the object's name, or NULL for its DT_SONAME (or "obj<id>");
 *        at most ELFK_NAME_LEN - 1 bytes, unique among loaded objects
 * @flags: 0 or ELFK_LOAD_VERIFIED (Documentation/verified-mode.rst)
 * @log_buf: kernel buffer receiving a NUL-terminated log, or NULL
 * @log_size: size of @log_buf
 * @log_level: ELFK_LOG_LEVEL_* or 0
 * @log_true_size: out: bytes the whole log needs, including the NUL
 */
struct elfk_load_opts {
	const char *name;
	u32 flags;
	char *log_buf;
	u32 log_size;
	u32 log_level;
	u32 log_true_size;
};

struct elfk_object *elfk_object_load(const void *image, size_t len,
				     struct elfk_load_opts *opts);
struct elfk_object *elfk_object_get(u32 id);
struct elfk_object *elfk_object_get_by_name(const char *name);
void elfk_object_put(struct elfk_object *obj);
int elfk_object_unload(struct elfk_object *obj);
u32 elfk_object_id(const struct elfk_object *obj);
void *elfk_object_sym(struct elfk_object *obj, const char *name);
int elfk_object_call(struct elfk_object *obj, const char *name,
		     const u64 *args, unsigned int nr_args, u64 *ret);

/**
 * struct elfk_symbol - one entry of an exported kernel-symbol table
 * @name: the name plugins link against
 * @addr: its address
 */
struct elfk_symbol {
	const char *name;
	void *addr;
};

/**
 * ELFK_SYMBOL - declare a table entry for a kernel function or object
 * @sym: the C identifier; the plugin-visible name is the same
 */
#define ELFK_SYMBOL(sym) { .name = #sym, .addr = (void *)&(sym) }

/**
 * struct elfk_symtab - a table another module adds to elfk's allow-list
 * @owner: the module the addresses belong to (THIS_MODULE)
 * @syms: the entries; elfk_symtab_register() indexes them by hash and
 *        leaves them as they are
 * @nr_syms: number of entries
 * @node: reserved for elfk; leave zeroed
 */
struct elfk_symtab {
	struct module *owner;
	struct elfk_symbol *syms;
	unsigned int nr_syms;
	struct list_head node;
};

int elfk_symtab_register(struct elfk_symtab *tab);
void elfk_symtab_unregister(struct elfk_symtab *tab);

#endif /* _ELFK_ELFK_H */
