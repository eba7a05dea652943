// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime calls elfk offers plugins: logging under the object's name
 * and an allocator whose allocations are accounted to the calling object.
 *
 * A plugin passes its own handle (&__elfk_self, resolved per object at
 * load time) so elfk knows which object is calling without any per-task
 * state.  Allocations still held at unload are freed and reported.
 */
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "internal.h"

#define ELFK_ALLOC_MAX (16U << 20)
/* kmalloc's 8-byte class would break the 16-byte alignment plugins get. */
#define ELFK_ALLOC_MIN 16U

void elfk_self_init(struct elfk_self *self, const char *name)
{
	self->name = name;
	spin_lock_init(&self->lock);
	xa_init(&self->allocs);
	self->nr_allocs = 0;
	self->alloc_bytes = 0;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_self_init);

/**
 * elfk_self_printk() - log a line prefixed with the calling object's name
 * @self: the object's handle, &__elfk_self
 * @fmt: printk format, without a log level; a trailing newline is optional
 *
 * Prints at KERN_INFO as "elfk: <name>: <message>", as one record: the
 * message is formatted by printk itself (%pV), so it is cut only at
 * printk's own limit.
 */
void elfk_self_printk(const struct elfk_self *self, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;
	size_t len = strlen(fmt);

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	/* A line without its newline would wait for the next printk. */
	if (len && fmt[len - 1] == '\n')
		pr_info("%s: %pV", self->name, &vaf);
	else
		pr_info("%s: %pV\n", self->name, &vaf);
	va_end(args);
}

/**
 * elfk_self_malloc() - allocate zeroed memory accounted to the calling object
 * @self: the object's handle, &__elfk_self
 * @size: bytes, at most 16 MiB
 *
 * The object's table of what it holds is kept apart from the memory, so
 * nothing the plugin writes (or frees) can make elfk trust a pointer.
 *
 * Context: may sleep.
 * Return: 16-byte aligned zeroed memory, or NULL.
 */
void *elfk_self_malloc(struct elfk_self *self, size_t size)
{
	void *p;

	might_sleep();
	if (size > ELFK_ALLOC_MAX)
		return NULL;
	p = kvzalloc(max_t(size_t, size, ELFK_ALLOC_MIN),
		     GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!p)
		return NULL;
	if (xa_insert(&self->allocs, (unsigned long)p, xa_mk_value(size),
		      GFP_KERNEL_ACCOUNT | __GFP_NOWARN)) {
		kvfree(p);
		return NULL;
	}
	spin_lock(&self->lock);
	self->nr_allocs++;
	self->alloc_bytes += size;
	spin_unlock(&self->lock);
	return p;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_self_malloc);

/**
 * elfk_self_free() - free memory from elfk_self_malloc()
 * @self: the object's handle, &__elfk_self
 * @p: the memory, or NULL
 *
 * Only a pointer the calling object holds is freed: it is looked up in the
 * object's own table, and nothing is read through it before it is found
 * there.  A double free, another object's allocation or memory elfk did
 * not allocate is refused with a ratelimited error and left alone.
 */
void elfk_self_free(struct elfk_self *self, void *p)
{
	void *entry;

	if (!p)
		return;
	/* Erasing is the claim: of two racing frees, one finds it gone. */
	entry = xa_erase(&self->allocs, (unsigned long)p);
	if (!entry) {
		pr_err_ratelimited("%s: elfk_free() of memory this object does not hold (a double free, another object's allocation, or not from elfk_malloc()): refused\n",
				   self->name);
		return;
	}
	spin_lock(&self->lock);
	self->nr_allocs--;
	self->alloc_bytes -= xa_to_value(entry);
	spin_unlock(&self->lock);
	kvfree(p);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_self_free);

/* At unload: nothing the object allocated may outlive it. */
void elfk_self_release(struct elfk_self *self)
{
	u32 n = self->nr_allocs;
	u64 bytes = self->alloc_bytes;
	unsigned long index;
	void *entry;

	xa_for_each(&self->allocs, index, entry)
		kvfree((void *)index);
	xa_destroy(&self->allocs);
	self->nr_allocs = 0;
	self->alloc_bytes = 0;
	if (n)
		pr_notice("%s: freed %u leaked allocation(s) (%llu bytes) at unload\n",
			  self->name, n, bytes);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_self_release);
