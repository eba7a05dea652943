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

#include "internal.h"

#define ELFK_ALLOC_MAGIC 0xe1f4a110c8ed0000ULL
#define ELFK_ALLOC_MAX (16U << 20)

/* Keeps the payload 16-byte aligned, like kmalloc's minimum on x86_64. */
struct elfk_alloc {
	struct list_head node;
	u64 size;
	u64 magic;
} __aligned(16);

void elfk_self_init(struct elfk_self *self, const char *name)
{
	self->name = name;
	spin_lock_init(&self->lock);
	INIT_LIST_HEAD(&self->allocs);
	self->nr_allocs = 0;
	self->alloc_bytes = 0;
}

/**
 * elfk_self_printk() - log a line prefixed with the calling object's name
 * @self: the object's handle, &__elfk_self
 * @fmt: printk format, without a log level; a trailing newline is optional
 *
 * Prints at KERN_INFO as "elfk: <name>: <message>".
 */
void elfk_self_printk(const struct elfk_self *self, const char *fmt, ...)
{
	char buf[256];
	va_list args;
	size_t len;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	pr_info("%s: %s\n", self->name, buf);
}

/**
 * elfk_self_malloc() - allocate zeroed memory accounted to the calling object
 * @self: the object's handle, &__elfk_self
 * @size: bytes, at most 16 MiB
 *
 * Context: may sleep.
 * Return: 16-byte aligned zeroed memory, or NULL.
 */
void *elfk_self_malloc(struct elfk_self *self, size_t size)
{
	struct elfk_alloc *a;

	if (size > ELFK_ALLOC_MAX)
		return NULL;
	a = kvzalloc(sizeof(*a) + size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!a)
		return NULL;
	a->size = size;
	a->magic = ELFK_ALLOC_MAGIC;
	spin_lock(&self->lock);
	list_add(&a->node, &self->allocs);
	self->nr_allocs++;
	self->alloc_bytes += size;
	spin_unlock(&self->lock);
	return a + 1;
}

/**
 * elfk_self_free() - free memory from elfk_self_malloc()
 * @self: the object's handle, &__elfk_self
 * @p: the memory, or NULL
 *
 * A pointer that elfk did not hand out is refused with a ratelimited error
 * rather than freed.
 */
void elfk_self_free(struct elfk_self *self, void *p)
{
	struct elfk_alloc *a;

	if (!p)
		return;
	a = (struct elfk_alloc *)p - 1;
	spin_lock(&self->lock);
	if (a->magic != ELFK_ALLOC_MAGIC) {
		spin_unlock(&self->lock);
		pr_err_ratelimited("%s: freeing memory elfk did not allocate\n",
				   self->name);
		return;
	}
	a->magic = 0;
	list_del(&a->node);
	self->nr_allocs--;
	self->alloc_bytes -= a->size;
	spin_unlock(&self->lock);
	kvfree(a);
}

/* At unload: nothing the object allocated may outlive it. */
void elfk_self_release(struct elfk_self *self)
{
	struct elfk_alloc *a, *tmp;
	u32 n = self->nr_allocs;
	u64 bytes = self->alloc_bytes;

	list_for_each_entry_safe(a, tmp, &self->allocs, node) {
		list_del(&a->node);
		a->magic = 0;
		kvfree(a);
	}
	self->nr_allocs = 0;
	self->alloc_bytes = 0;
	if (n)
		pr_notice("%s: freed %u leaked allocation(s) (%llu bytes) at unload\n",
			  self->name, n, bytes);
}
