// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/elfk/objects: one line per loaded object, for
 * administrators.  Addresses are never shown.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "internal.h"

static struct dentry *elfk_debugfs_dir;

static const char *state_name(u32 state)
{
	switch (state) {
	case ELFK_STATE_LOADING:
		return "loading";
	case ELFK_STATE_LIVE:
		return "live";
	case ELFK_STATE_UNLOADING:
		return "unloading";
	default:
		return "?";
	}
}

static int objects_show(struct seq_file *m, void *v)
{
	struct elfk_object *obj;
	u32 id = 0, i;

	seq_puts(m, "id\tname\tsoname\tstate\trefs\tmem\talloc\ttls_blocks\tneeds\n");
	while ((obj = elfk_registry_next(&id))) {
		seq_printf(m, "%u\t%s\t%s\t%s\t%u\t%llu\t%llu\t%u\t", obj->id,
			   obj->name, obj->elf.soname ?: "-",
			   state_name(READ_ONCE(obj->state)),
			   elfk_object_refcount(obj) - ELFK_REFS_CALLER,
			   (unsigned long long)obj->elf.vsize,
			   (unsigned long long)READ_ONCE(obj->self.alloc_bytes),
			   elfk_tls_nr_blocks(obj));
		for (i = 0; i < obj->nr_deps; i++)
			seq_printf(m, "%s%u", i ? "," : "", obj->deps[i]->id);
		seq_puts(m, obj->nr_deps ? "\n" : "-\n");
		id++;
		elfk_object_put(obj);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(objects);

void elfk_debugfs_init(void)
{
	elfk_debugfs_dir = debugfs_create_dir("elfk", NULL);
	debugfs_create_file("objects", 0400, elfk_debugfs_dir, NULL,
			    &objects_fops);
	elfk_mem_debugfs_init(elfk_debugfs_dir);
}

void elfk_debugfs_exit(void)
{
	debugfs_remove_recursive(elfk_debugfs_dir);
}
