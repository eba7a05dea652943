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
 *  - Blocks live in an rhashtable keyed by (task, module id).  A block is
 *    only ever freed when its task has exited or its object is unloaded,
 *    and neither can happen under a running caller, so the pointer stays
 *    valid after the RCU read section.
 *  - The fast path hashes nothing: each CPU caches the last block it
 *    found for each module id modulo ELFK_TLS_CACHE, and an entry is used
 *    only if the block's task is `current` and its module the one asked
 *    for.  A miss is one rhashtable lookup, which refills the entry.
 *    Why a cached pointer can never reach a freed block, nor the block of
 *    a task whose task_struct was freed and its address reused, is the
 *    comment above free_blocks().
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
#include <linux/percpu.h>
#include <linux/refcount.h>
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
	struct elfk_tls_module *mod;
	void *raw;
	void *data;
	struct rcu_head rcu;
};

/*
 * @refs: the object's, plus one per block not yet forgotten by every CPU's
 * cache; the module id is only given back when they are all gone, so a
 * stale cache entry can never match a later object's id.
 */
struct elfk_tls_module {
	refcount_t refs;
	u32 id;
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

/* Per CPU, the last block found for each module id modulo its size. */
#define ELFK_TLS_CACHE 8

struct elfk_tls_cache {
	struct elfk_tls_block *slot[ELFK_TLS_CACHE];
};

static DEFINE_PER_CPU(struct elfk_tls_cache, tls_cache);

static struct rhashtable blocks;
/* _bh: a module id is given back from an RCU callback. */
static DEFINE_XARRAY_FLAGS(modules, XA_FLAGS_ALLOC1 | XA_FLAGS_LOCK_BH);
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
	/*
	 * The callbacks are module text: let every pending one run.  Twice,
	 * because the first stage queues the second.
	 */
	rcu_barrier();
	rcu_barrier();
	rhashtable_destroy(&blocks);
}

/* The block is unhashed and unlisted, not freed. */
static void unlink_block(struct elfk_tls_block *b, struct list_head *dead)
{
	lockdep_assert_held(&tls_lock);
	rhashtable_remove_fast(&blocks, &b->node, block_params);
	list_del(&b->by_module);
	list_move(&b->all, dead);
	b->mod->nr_blocks--;
}

static void put_module(struct elfk_tls_module *mod)
{
	if (refcount_dec_and_test(&mod->refs)) {
		xa_erase_bh(&modules, mod->id);
		kfree(mod);
	}
}

static void free_block_rcu(struct rcu_head *head)
{
	struct elfk_tls_block *b = container_of(head, struct elfk_tls_block, rcu);

	kvfree(b->raw);
	kfree(b);
}

/* First stage: see free_blocks(). */
static void forget_block_rcu(struct rcu_head *head)
{
	struct elfk_tls_block *b = container_of(head, struct elfk_tls_block, rcu);
	struct elfk_tls_block **slot;
	int cpu;

	for_each_possible_cpu(cpu) {
		slot = &per_cpu_ptr(&tls_cache, cpu)->slot[b->key.modid % ELFK_TLS_CACHE];
		cmpxchg(slot, b, NULL);
	}
	put_task_struct(b->key.task);
	put_module(b->mod);
	call_rcu(&b->rcu, free_block_rcu);
}

/*
 * The blocks are unhashed; nobody waits for them to go (unload would pay
 * a grace period per object; elfk_tls_exit() waits for the callbacks).
 * They go in two RCU stages, because of the per-CPU cache:
 *
 * 1. After a grace period, no lookup that could still find a block in the
 *    table is running, and since a CPU's cache entry is only refilled
 *    inside the read section of the lookup that found the block, no refill
 *    of it is either: the block can no longer enter any cache.
 *    forget_block_rcu() then clears every cache entry that holds it, and
 *    only then drops the block's references on its task and its module.
 *    Until that point the task_struct cannot be freed, so no new task can
 *    be given its address while a cache still offers the block to whoever
 *    is `current` there; nor can the module id be handed to a new object
 *    whose accesses the stale entry would match.
 * 2. After a second grace period, no fast path that read the block from a
 *    cache before it was cleared is still running (the fast path reads
 *    the entry and the block inside one RCU read section), and the block
 *    is freed.  Such a fast path compared the block's task with its own
 *    `current`, a task that existed before stage 1 and so cannot have been
 *    given the freed task_struct's address.
 */
static void free_blocks(struct list_head *dead)
{
	struct elfk_tls_block *b, *tmp;

	list_for_each_entry_safe(b, tmp, dead, all)
		call_rcu(&b->rcu, forget_block_rcu);
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
	b->mod = mod;
	err = rhashtable_insert_fast(&blocks, &b->node, block_params);
	if (err)
		goto out_free;
	get_task_struct(current);
	refcount_inc(&mod->refs);
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

/* A cache miss: one lookup, which refills this CPU's entry. */
static noinline void *tls_get_addr_slow(const struct elfk_tls_index *ti)
{
	struct elfk_tls_key key = { .task = current, .modid = ti->module };
	struct elfk_tls_block *b;

	rcu_read_lock();
	b = rhashtable_lookup(&blocks, &key, block_params);
	/* Inside the read section that found it: see free_blocks(). */
	if (b)
		this_cpu_write(tls_cache.slot[ti->module % ELFK_TLS_CACHE], b);
	rcu_read_unlock();
	if (unlikely(!b))
		b = block_create(ti->module);
	return b ? (u8 *)b->data + ti->offset : NULL;
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
	struct elfk_tls_block *b;
	void *p = NULL;

	/*
	 * With preemption disabled this is an RCU read-side critical section
	 * (RCU flavours are one since 4.20: call_rcu() waits for it too), as
	 * free_blocks() requires, without rcu_read_lock()'s out-of-line calls
	 * on PREEMPT_RCU kernels.
	 */
	preempt_disable();
	b = __this_cpu_read(tls_cache.slot[ti->module % ELFK_TLS_CACHE]);
	if (likely(b && b->key.task == current && b->key.modid == ti->module))
		p = (u8 *)b->data + ti->offset;
	preempt_enable();
	return likely(p) ? p : tls_get_addr_slow(ti);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_tls_get_addr);

/* Give @obj a TLS module id, once placed (the template is in its memory). */
int elfk_tls_register(struct elfk_object *obj, struct elfk_log *log)
{
	struct elfk_tls_module *mod;
	u32 id;
	int err;

	/* A verified object's blocks are in its window (sandbox_tls.c, T12). */
	if (!obj->elf.has_tls || obj->sb)
		return 0;
	mod = kzalloc(sizeof(*mod), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!mod)
		return -ENOMEM;
	mod->image = elfk_elf_run_ptr(&obj->elf, obj->elf.tls.vaddr);
	mod->filesz = obj->elf.tls.filesz;
	mod->memsz = obj->elf.tls.memsz;
	mod->align = obj->elf.tls.align;
	INIT_LIST_HEAD(&mod->blocks);
	refcount_set(&mod->refs, 1);
	err = xa_alloc_bh(&modules, &id, mod, xa_limit_31b,
			  GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (err) {
		kfree(mod);
		return elfk_reject(log, err, "no TLS module id available (%d)", err);
	}
	mod->id = id;
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
	/* No new block; the id stays taken until put_module() (NULL: reserved). */
	xa_store_bh(&modules, obj->elf.tls_modid, NULL, 0);
	mutex_unlock(&tls_lock);
	free_blocks(&dead);
	put_module(mod);
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
