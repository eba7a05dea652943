// SPDX-License-Identifier: GPL-2.0
/*
 * An object's pages, and when they may go back to the page allocator.
 *
 * An object lives in its own pages, mapped twice (Documentation/design.rst,
 * "Memory and page permissions"): a fresh read-only vmap() where it runs,
 * whose PTEs only ever gain a permission (R to RX or RW: no stale TLB entry
 * can grant more than the PTE, so no flush), and a writable alias used only
 * while loading.  vunmap() clears PTEs at once but flushes TLBs lazily, so
 * after an unload some CPU may still hold an executable translation of the
 * object's code.  Its pages therefore wait here, unmapped, until one global
 * flush has run after they were unmapped; the flush is batched over many
 * unloads, the way vmalloc batches its lazy purge.
 */
#include <linux/debugfs.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "internal.h"

/*
 * Flush once this many retired pages or objects wait.  The page bound caps
 * the memory held back; the object bound makes a flush per 32 unloads of
 * small objects, well under the 0.1 per LOAD + UNLOAD of issue 14.
 */
#define ELFK_RETIRE_MAX_PAGES	2048
#define ELFK_RETIRE_MAX_OBJECTS	32
/* An idle system gets its memory back after this long without an unload. */
#define ELFK_RETIRE_IDLE	(5 * HZ)

struct elfk_retired {
	struct list_head node;
	struct page **pages;
	unsigned long nr_pages;
};

static DEFINE_MUTEX(retire_lock);
static LIST_HEAD(retired);	/* protected by retire_lock */
static unsigned long retired_pages, retired_objects;	/* retire_lock */
static atomic64_t nr_flushes, nr_retired_total;

static void retire_idle_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(retire_idle, retire_idle_fn);

/**
 * elfk_mem_free_pages() - free pages no TLB can map executable
 * @pages: the array (kvmalloc'ed), some entries may be NULL
 * @nr: entries
 */
void elfk_mem_free_pages(struct page **pages, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		if (pages[i])
			__free_page(pages[i]);
	kvfree(pages);
}

/* Flush every CPU's TLB and count it, for debugfs, KUnit and the bench. */
void elfk_mem_flush_all(void)
{
	elfk_arch_mem_ops.flush();
	atomic64_inc(&nr_flushes);
}

u64 elfk_mem_nr_flushes(void)
{
	return atomic64_read(&nr_flushes);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_mem_nr_flushes);

/* Flush, then free what waited: called with retire_lock held. */
static void drain_locked(void)
{
	struct elfk_retired *r, *tmp;
	LIST_HEAD(done);

	lockdep_assert_held(&retire_lock);
	if (list_empty(&retired))
		return;
	list_splice_init(&retired, &done);
	retired_pages = 0;
	retired_objects = 0;
	/* Every entry on @done was unmapped before this flush starts. */
	elfk_mem_flush_all();
	list_for_each_entry_safe(r, tmp, &done, node) {
		elfk_mem_free_pages(r->pages, r->nr_pages);
		kfree(r);
	}
}

/**
 * elfk_mem_drain() - flush once and free every retired page now
 *
 * Context: process context; may sleep.
 */
void elfk_mem_drain(void)
{
	mutex_lock(&retire_lock);
	drain_locked();
	mutex_unlock(&retire_lock);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_mem_drain);

static void retire_idle_fn(struct work_struct *work)
{
	elfk_mem_drain();
}

/**
 * elfk_mem_retire() - free pages that were mapped executable, once safe
 * @pages: the array (kvmalloc'ed); taken over
 * @nr: entries
 *
 * Every mapping of the pages must be gone (vunmap()ed) already: only stale
 * TLB entries may remain, and one global flush ends them.
 *
 * Context: process context; may sleep.
 */
void elfk_mem_retire(struct page **pages, unsigned long nr)
{
	struct elfk_retired *r;

	r = kmalloc(sizeof(*r), GFP_KERNEL | __GFP_NOWARN);
	if (!r) {
		/* No room to wait: flush now rather than free early. */
		elfk_mem_flush_all();
		elfk_mem_free_pages(pages, nr);
		return;
	}
	r->pages = pages;
	r->nr_pages = nr;
	mutex_lock(&retire_lock);
	list_add_tail(&r->node, &retired);
	retired_pages += nr;
	retired_objects++;
	atomic64_inc(&nr_retired_total);
	if (retired_pages >= ELFK_RETIRE_MAX_PAGES ||
	    retired_objects >= ELFK_RETIRE_MAX_OBJECTS)
		drain_locked();
	mutex_unlock(&retire_lock);
	mod_delayed_work(system_wq, &retire_idle, ELFK_RETIRE_IDLE);
}

static int tlb_show(struct seq_file *m, void *v)
{
	unsigned long pages, objects;

	mutex_lock(&retire_lock);
	pages = retired_pages;
	objects = retired_objects;
	mutex_unlock(&retire_lock);
	seq_printf(m, "flushes\t%llu\n", (unsigned long long)elfk_mem_nr_flushes());
	seq_printf(m, "retired_objects\t%llu\n",
		   (unsigned long long)atomic64_read(&nr_retired_total));
	seq_printf(m, "waiting_objects\t%lu\n", objects);
	seq_printf(m, "waiting_pages\t%lu\n", pages);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tlb);

void elfk_mem_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("tlb", 0400, dir, NULL, &tlb_fops);
}

/* Module exit: nothing is mapped any more, give everything back. */
void elfk_mem_exit(void)
{
	cancel_delayed_work_sync(&retire_idle);
	elfk_mem_drain();
}
