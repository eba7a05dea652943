// SPDX-License-Identifier: GPL-2.0
/*
 * Per-module thread-local storage: __tls_get_addr() for loaded objects.
 *
 * In the kernel %fs still holds the interrupted process's thread pointer,
 * so only the general- and local-dynamic models, which ask
 * __tls_get_addr() for every access, are safe (the core refuses the rest).
 * elfk supplies __tls_get_addr() and keeps one block per (task, module):
 *
 *  - Every object with a PT_TLS segment gets a module id and a template
 *    (its relocated .tdata, followed by .tbss that reads as zero).
 *  - Blocks live in an rhashtable keyed by (task, module id).  The fast
 *    path is one RCU lookup: no lock, no allocation.  A block is only ever
 *    freed when its task has exited or its object is unloaded, and neither
 *    can happen under a running caller, so the pointer stays valid after
 *    the RCU read section.
 *  - The first touch allocates the block with GFP_KERNEL.  elfk touches
 *    the called object's module itself before running its constructors and
 *    before every CALL (elfk_tls_prepare()), so on those paths a failed
 *    allocation is a clean -ENOMEM and plugin code never sees it.  Code
 *    reached by other means allocates on first touch and gets NULL from
 *    __tls_get_addr() if that fails.
 *  - A block holds a reference on its task.  Task exit is detected, using
 *    only exported interfaces, by a reaper that runs once a second while
 *    blocks exist and frees the blocks of tasks marked PF_EXITING.
 *    Unloading an object frees all of its blocks at once.
 */
#include <linux/mutex.h>
#include <linux/rhashtable.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "internal.h"

#define ELFK_TLS_REAP_INTERVAL HZ

struct elfk_tls_key {
	struct task_struct *task;
	u64 modid;
};

struct elfk_tls_block {
	struct rhash_head node;
	struct elfk_tls_key key;
	struct list_head by_module;
	struct list_head all;
	void *raw;
	void *data;
	struct rcu_head rcu;
};

struct elfk_tls_module {
	const void *image;
	u64 filesz;
	u64 memsz;
	u64 align;
	struct list_head blocks;
	unsigned int nr_blocks;
};

static const struct rhashtable_params block_params = {
	.key_len = sizeof(struct elfk_tls_key),
	.key_offset = offsetof(struct elfk_tls_block, key),
	.head_offset = offsetof(struct elfk_tls_block, node),
	.automatic_shrinking = true,
};

static struct rhashtable blocks;
static DEFINE_XARRAY_ALLOC1(modules);
/* Serialises block creation and destruction, and the lists below. */
static DEFINE_MUTEX(tls_lock);
static LIST_HEAD(all_blocks);
static void elfk_tls_reap(struct work_struct *work);
static DECLARE_DELAYED_WORK(reaper, elfk_tls_reap);

int __init elfk_tls_init(void)
{
	return rhashtable_init(&blocks, &block_params);
}

void elfk_tls_exit(void)
{
	cancel_delayed_work_sync(&reaper);
	/* Every object, and so every block, is gone by now. */
	WARN_ON(!list_empty(&all_blocks));
	/* free_block_rcu() is module text: let every pending one run. */
	rcu_barrier();
	rhashtable_destroy(&blocks);
}

/* Caller holds tls_lock; the block is unhashed and unlisted, not freed. */
static void unlink_block(struct elfk_tls_block *b, struct list_head *dead)
{
	struct elfk_tls_module *mod = xa_load(&modules, b->key.modid);

	rhashtable_remove_fast(&blocks, &b->node, block_params);
	list_del(&b->by_module);
	list_move(&b->all, dead);
	if (mod)
		mod->nr_blocks--;
}

static void free_block_rcu(struct rcu_head *head)
{
	struct elfk_tls_block *b = container_of(head, struct elfk_tls_block, rcu);

	kvfree(b->raw);
	kfree(b);
}

/*
 * The blocks are unhashed: after an RCU grace period no lookup can still
 * see them.  Nobody waits for it (unload would pay a grace period per
 * object); elfk_tls_exit() waits for the callbacks.  The task reference
 * can go now: only a lookup by that task itself could have found the
 * block, and such a task is not running.
 */
static void free_blocks(struct list_head *dead)
{
	struct elfk_tls_block *b, *tmp;

	list_for_each_entry_safe(b, tmp, dead, all) {
		put_task_struct(b->key.task);
		call_rcu(&b->rcu, free_block_rcu);
	}
}

static void elfk_tls_reap(struct work_struct *work)
{
	struct elfk_tls_block *b, *tmp;
	LIST_HEAD(dead);
	bool more;

	mutex_lock(&tls_lock);
	list_for_each_entry_safe(b, tmp, &all_blocks, all)
		if (READ_ONCE(b->key.task->flags) & PF_EXITING)
			unlink_block(b, &dead);
	more = !list_empty(&all_blocks);
	mutex_unlock(&tls_lock);
	free_blocks(&dead);
	if (more)
		schedule_delayed_work(&reaper, ELFK_TLS_REAP_INTERVAL);
}

static struct elfk_tls_block *block_create(u64 modid)
{
	struct elfk_tls_key key = { .task = current, .modid = modid };
	struct elfk_tls_module *mod;
	struct elfk_tls_block *b;
	int err;

	/* Allocation sleeps: a first touch from atomic context gets NULL. */
	if (in_interrupt() || irqs_disabled())
		return NULL;
	mutex_lock(&tls_lock);
	b = rhashtable_lookup_fast(&blocks, &key, block_params);
	if (b)
		goto out;
	mod = xa_load(&modules, modid);
	if (!mod)
		goto out;
	b = kzalloc(sizeof(*b), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!b)
		goto out;
	b->raw = kvzalloc(mod->memsz + mod->align,
			  GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!b->raw)
		goto out_free;
	b->data = PTR_ALIGN(b->raw, mod->align);
	memcpy(b->data, mod->image, mod->filesz);
	b->key = key;
	err = rhashtable_insert_fast(&blocks, &b->node, block_params);
	if (err)
		goto out_free;
	get_task_struct(current);
	list_add(&b->by_module, &mod->blocks);
	if (list_empty(&all_blocks))
		schedule_delayed_work(&reaper, ELFK_TLS_REAP_INTERVAL);
	list_add(&b->all, &all_blocks);
	mod->nr_blocks++;
	goto out;

out_free:
	kvfree(b->raw);
	kfree(b);
	b = NULL;
out:
	mutex_unlock(&tls_lock);
	return b;
}

/**
 * elfk_tls_get_addr() - __tls_get_addr() for loaded objects
 * @ti: the module id and offset the object's GOT holds (struct tls_index)
 *
 * Return: the address of the calling task's copy of the variable, or NULL
 * if its block could not be allocated (see the GFP policy above).
 */
void *elfk_tls_get_addr(const struct elfk_tls_index *ti)
{
	struct elfk_tls_key key = { .task = current, .modid = ti->module };
	struct elfk_tls_block *b;

	rcu_read_lock();
	b = rhashtable_lookup(&blocks, &key, block_params);
	rcu_read_unlock();
	if (unlikely(!b))
		b = block_create(ti->module);
	return b ? (u8 *)b->data + ti->offset : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_tls_get_addr);

/* Give @obj a TLS module id, once placed (the template is in its memory). */
int elfk_tls_register(struct elfk_object *obj, struct elfk_log *log)
{
	struct elfk_tls_module *mod;
	u32 id;
	int err;

	if (!obj->elf.has_tls)
		return 0;
	mod = kzalloc(sizeof(*mod), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!mod)
		return -ENOMEM;
	mod->image = elfk_elf_ptr(&obj->elf, obj->elf.tls.vaddr);
	mod->filesz = obj->elf.tls.filesz;
	mod->memsz = obj->elf.tls.memsz;
	mod->align = obj->elf.tls.align;
	INIT_LIST_HEAD(&mod->blocks);
	err = xa_alloc(&modules, &id, mod, xa_limit_31b,
		       GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (err) {
		kfree(mod);
		return elfk_reject(log, err, "no TLS module id available (%d)", err);
	}
	obj->elf.tls_modid = id;
	elfk_log_verbose(log, "tls: module id %u, block 0x%llx bytes aligned 0x%llx",
			 id, (unsigned long long)mod->memsz,
			 (unsigned long long)mod->align);
	return 0;
}

/* At unload: every task's block for @obj goes. */
void elfk_tls_unregister(struct elfk_object *obj)
{
	struct elfk_tls_block *b, *tmp;
	struct elfk_tls_module *mod;
	LIST_HEAD(dead);

	if (!obj->elf.tls_modid)
		return;
	mutex_lock(&tls_lock);
	mod = xa_load(&modules, obj->elf.tls_modid);
	list_for_each_entry_safe(b, tmp, &mod->blocks, by_module)
		unlink_block(b, &dead);
	xa_erase(&modules, obj->elf.tls_modid);
	mutex_unlock(&tls_lock);
	free_blocks(&dead);
	kfree(mod);
	obj->elf.tls_modid = 0;
}

/*
 * Make sure the calling task has its block for @obj before elfk runs the
 * object's code, so that allocation failures are errors, not NULL.
 */
int elfk_tls_prepare(struct elfk_object *obj)
{
	struct elfk_tls_index ti = { .module = obj->elf.tls_modid };

	if (!obj->elf.tls_modid)
		return 0;
	return elfk_tls_get_addr(&ti) ? 0 : -ENOMEM;
}

/* Blocks currently allocated for @obj, across all tasks. */
unsigned int elfk_tls_nr_blocks(struct elfk_object *obj)
{
	struct elfk_tls_module *mod;
	unsigned int n = 0;

	mutex_lock(&tls_lock);
	mod = xa_load(&modules, obj->elf.tls_modid);
	if (mod)
		n = mod->nr_blocks;
	mutex_unlock(&tls_lock);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_tls_nr_blocks);
