// SPDX-License-Identifier: GPL-2.0
/*
 * What the host test loaders share: the host stand-ins for the kernel
 * functions the example plugins import, reading an object from disk, and
 * running a placed object's constructors and destructors in elfk's order.
 *
 * The stand-ins are defined in the test binary, which is linked with
 * -rdynamic, under the names the plugins import: ld.so binds a plugin
 * glibc loads to them (test_dlopen.c), and host_runtime_lookup() hands out
 * the same addresses to the elfk core.  Plugins keep an 8-byte stack
 * alignment (-mpreferred-stack-boundary=3), so the ones that may reach SSE
 * code in glibc realign on entry.  Defining snprintf and vsnprintf here
 * interposes them for the whole process: they forward to the next
 * definition (the sanitizer's or glibc's), so nothing else changes.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "host_util.h"

#define HOST_ENTRY __attribute__((force_align_arg_pointer, used, visibility("default")))

/* ---- the imports ------------------------------------------------------ */

__attribute__((visibility("default"))) struct elfk_self __elfk_self;

typedef int (*vsnprintf_fn)(char *, size_t, const char *, va_list);

static vsnprintf_fn next_vsnprintf(void)
{
	static vsnprintf_fn next;

	if (!next)
		next = (vsnprintf_fn)dlsym(RTLD_NEXT, "vsnprintf");
	return next;
}

HOST_ENTRY int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	return next_vsnprintf()(buf, n, fmt, ap);
}

HOST_ENTRY int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = next_vsnprintf()(buf, n, fmt, ap);
	va_end(ap);
	return ret;
}

HOST_ENTRY void elfk_self_printk(struct elfk_self *self, const char *fmt, ...)
{
	size_t used = strlen(self->log);
	va_list ap;

	va_start(ap, fmt);
	next_vsnprintf()(self->log + used, sizeof(self->log) - used, fmt, ap);
	va_end(ap);
	used = strlen(self->log);
	if (used + 1 < sizeof(self->log) && (!used || self->log[used - 1] != '\n'))
		strcat(self->log, "\n");
}

HOST_ENTRY void *elfk_self_malloc(struct elfk_self *self, size_t n)
{
	self->nr_allocs++;
	return calloc(1, n);
}

HOST_ENTRY void elfk_self_free(struct elfk_self *self, void *p)
{
	if (p)
		self->nr_allocs--;
	free(p);
}

HOST_ENTRY u64 ktime_get_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

HOST_ENTRY long strscpy(char *dst, const char *src, size_t count)
{
	size_t len = strnlen(src, count);

	if (!count)
		return -E2BIG;
	if (len == count) {
		memcpy(dst, src, count - 1);
		dst[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

static const struct {
	const char *name;
	void *addr;
} host_runtime[] = {
	{ "__elfk_self", &__elfk_self },
	{ "elfk_self_printk", (void *)elfk_self_printk },
	{ "elfk_self_malloc", (void *)elfk_self_malloc },
	{ "elfk_self_free", (void *)elfk_self_free },
	{ "ktime_get_ns", (void *)ktime_get_ns },
	{ "strscpy", (void *)strscpy },
	{ "snprintf", (void *)snprintf },
	{ "vsnprintf", (void *)vsnprintf },
	{ "memcpy", (void *)memcpy },
	{ "memmove", (void *)memmove },
	{ "memset", (void *)memset },
	{ "memcmp", (void *)memcmp },
	{ "strlen", (void *)strlen },
	{ "strnlen", (void *)strnlen },
	{ "strcmp", (void *)strcmp },
	{ "strncmp", (void *)strncmp },
};

int host_runtime_lookup(const char *name, u64 *value)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(host_runtime); i++) {
		if (!strcmp(host_runtime[i].name, name)) {
			*value = (u64)(uintptr_t)host_runtime[i].addr;
			return 0;
		}
	}
	return -ENOENT;
}

/* ---- loading and running ------------------------------------------------ */

void *host_read_file(const char *path, u64 *size)
{
	struct stat st;
	void *buf = NULL;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && st.st_size > 0) {
		buf = malloc(st.st_size);
		if (buf && read(fd, buf, st.st_size) != st.st_size) {
			free(buf);
			buf = NULL;
		}
		*size = st.st_size;
	}
	close(fd);
	return buf;
}

void host_run_array(const struct elfk_elf *elf, u64 vaddr, u64 size,
		    bool reverse)
{
	const u64 *fn = elfk_elf_ptr(elf, vaddr);
	u64 i, n = size / 8;

	for (i = 0; i < n; i++) {
		u64 f = fn[reverse ? n - 1 - i : i];

		if (f && f != (u64)-1)
			((void (*)(void))(uintptr_t)f)();
	}
}

fn6 host_func(const struct elfk_elf *elf, const char *name)
{
	const Elf64_Sym *s = elfk_elf_lookup(elf, name);

	if (!s || ELF64_ST_TYPE(s->st_info) != STT_FUNC)
		return NULL;
	return (fn6)(uintptr_t)elfk_elf_ptr(elf, s->st_value);
}

void host_run_init(const struct elfk_elf *elf)
{
	const struct elfk_dynamic *dyn = &elf->dyn;

	if (ELFK_HAS(dyn, INIT))
		((void (*)(void))elfk_elf_ptr(elf, dyn->init))();
	if (ELFK_HAS(dyn, INIT_ARRAY))
		host_run_array(elf, dyn->init_array, dyn->init_arraysz, false);
}

void host_run_fini(const struct elfk_elf *elf)
{
	const struct elfk_dynamic *dyn = &elf->dyn;
	fn6 exit_fn = host_func(elf, "elfk_exit");

	if (exit_fn)
		exit_fn(0, 0, 0, 0, 0, 0);
	if (ELFK_HAS(dyn, FINI_ARRAY))
		host_run_array(elf, dyn->fini_array, dyn->fini_arraysz, true);
	if (ELFK_HAS(dyn, FINI))
		((void (*)(void))elfk_elf_ptr(elf, dyn->fini))();
}
