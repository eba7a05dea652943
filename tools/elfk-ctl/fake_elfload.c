// SPDX-License-Identifier: GPL-2.0
/*
 * An LD_PRELOAD stand-in for /dev/elfload, for test_cli.sh: ioctl() on a
 * file whose name ends in "fake-elfload" answers from a fixed registry, so
 * the tool's output can be checked on a machine without the module.  The
 * real device is exercised in the QEMU guest.
 *
 * Registry: id 1 "demo" (DT_SONAME demo.so, busy), id 4 "other".
 * LOAD: an image starting with \177ELF becomes id 5; one containing
 * "BIGLOG" first needs a 100000-byte log (ENOSPC); others fail ENOEXEC.
 * SYM: "add", "greet3" (40 bytes), the data symbol "counter".
 * CALL: add(a, b) returns a + b; greet(str, out) writes
 * "hello, STR" to out; bump(inout) adds 1 to each byte and returns -2.
 * CALL flags: ELFK_CALL_KTHREAD adds 1000000 to the return value,
 * ELFK_CALL_WORKQUEUE 2000000 (both at once: EINVAL, as the kernel);
 * "nomem" fails ENOMEM after appending two kernel log records, one of
 * elfk's and one of another driver, to the file $ELFK_CTL_KMSG.
 *
 * $FAKE_TRUNCATE names a file to empty (truncate(2)) at LOAD, before the
 * image is read, and at the anonymous mapping libelfk's check places an
 * object in (its hint, 0x100000000000): a file that shrinks under
 * elfk-ctl's mapping of it.  LOAD then reads every byte of the image, as
 * the kernel copies it.
 *
 * Copyright (C) 2026 The elfk authors
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/mman.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/elfk.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	__u32 id;
	const char *name, *soname;
} fake_objs[] = { { 1, "demo", "demo.so" }, { 4, "other", "" } };

static int fake_is_dev(int fd)
{
	char link[64], path[4096];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	return n >= 12 && !strcmp(path + n - 12, "fake-elfload");
}

static int fake_log(struct elfk_load *l, const char *text)
{
	size_t need = strlen(text) + 1;

	l->log_true_size = need;
	if (need > l->log_size)
		return -ENOSPC;
	memcpy((char *)(uintptr_t)l->log_buf, text, need);
	return 0;
}

/* $FAKE_TRUNCATE: the file shrinks now. */
static void fake_truncate(void)
{
	const char *path = getenv("FAKE_TRUNCATE");

	if (path && truncate(path, 0))
		perror(path);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	static void *(*real_mmap)(void *, size_t, int, int, int, off_t);

	if (!real_mmap)
		real_mmap = (void *(*)(void *, size_t, int, int, int, off_t))
			dlsym(RTLD_NEXT, "mmap");
	if (addr == (void *)0x100000000000ULL && (flags & MAP_ANONYMOUS))
		fake_truncate();
	return real_mmap(addr, len, prot, flags, fd, off);
}

static int fake_load(struct elfk_load *l)
{
	const char *img = (const char *)(uintptr_t)l->image;
	volatile char sum = 0;
	__u32 i;

	if (getenv("FAKE_TRUNCATE")) {
		fake_truncate();
		for (i = 0; i < l->image_len; i++)
			sum += img[i];
	}

	if (l->size != sizeof(*l) || l->flags || !l->log_buf ||
	    l->log_size < 1 || l->log_level < ELFK_LOG_LEVEL_ERROR)
		return -EINVAL;
	if (memmem(img, l->image_len, "BIGLOG", 6) && l->log_size < 100000) {
		l->log_true_size = 100000;
		return -ENOSPC;
	}
	if (l->image_len < 4 || memcmp(img, "\177ELF", 4)) {
		fake_log(l, "validate: bad ELF magic\ne_ident[0] = 0x00\n");
		return -ENOEXEC;
	}
	l->id = 5;
	return fake_log(l, l->log_level == ELFK_LOG_LEVEL_VERBOSE ?
				   "copy: 4 bytes\nvalidate: ok\n" :
				   "");
}

static int fake_info(struct elfk_info *info)
{
	size_t i;

	if (info->size != sizeof(*info) || info->flags & ~ELFK_INFO_NEXT)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(fake_objs); i++) {
		if (info->flags ? fake_objs[i].id < info->id :
				  fake_objs[i].id != info->id)
			continue;
		info->id = fake_objs[i].id;
		info->state = ELFK_STATE_LIVE;
		snprintf(info->name, sizeof(info->name), "%s",
			 fake_objs[i].name);
		snprintf(info->soname, sizeof(info->soname), "%s",
			 fake_objs[i].soname);
		info->mem_size = 8192 * info->id;
		info->alloc_bytes = 100 * (info->id - 1);
		info->refcount = info->id == 1 ? 2 : 1;
		info->elf_type = 3; /* ET_DYN */
		info->nr_symbols = 7;
		return 0;
	}
	return -ENOENT;
}

static int fake_call(struct elfk_call *c)
{
	const char *sym = (const char *)(uintptr_t)c->symbol;
	struct elfk_call_arg *a = c->args;
	unsigned char *p;
	__u64 i;

	if (c->size != sizeof(*c) || c->nr_args > 6 ||
	    (c->flags & ~(ELFK_CALL_KTHREAD | ELFK_CALL_WORKQUEUE)) ||
	    c->flags == (ELFK_CALL_KTHREAD | ELFK_CALL_WORKQUEUE))
		return -EINVAL;
	if (c->id != 1 && c->id != 4)
		return -ENOENT;
	if (!strcmp(sym, "add") && c->nr_args == 2) {
		c->ret = a[0].value + a[1].value + c->flags * 1000000;
		return 0;
	}
	if (!strcmp(sym, "greet") && c->nr_args == 2 &&
	    a[0].kind == ELFK_ARG_IN && a[1].kind == ELFK_ARG_OUT) {
		snprintf((char *)(uintptr_t)a[1].value, a[1].len, "hello, %s",
			 (const char *)(uintptr_t)a[0].value);
		c->ret = 0;
		return 0;
	}
	/* greet3(str, out, len): a typed call passes len = the out length. */
	if (!strcmp(sym, "greet3") && c->nr_args == 3 &&
	    a[0].kind == ELFK_ARG_IN && a[1].kind == ELFK_ARG_OUT &&
	    a[2].kind == ELFK_ARG_INT && a[2].value == a[1].len) {
		snprintf((char *)(uintptr_t)a[1].value, a[2].value,
			 "hello, %s", (const char *)(uintptr_t)a[0].value);
		c->ret = a[2].value;
		return 0;
	}
	if (!strcmp(sym, "nomem")) {
		const char *kmsg = getenv("ELFK_CTL_KMSG");
		FILE *f = kmsg ? fopen(kmsg, "a") : NULL;

		if (f) {
			fputs("6,100,5,-;elfk: demo: nomem ran\n"
			      "4,101,6,-;usb 1-1: not ours\n"
			      " SUBSYSTEM=usb\n"
			      "3,102,7,-;elfk: demo: TLS block: out of memory\n",
			      f);
			fclose(f);
		}
		return -ENOMEM;
	}
	if (!strcmp(sym, "bump") && c->nr_args == 1 &&
	    a[0].kind == ELFK_ARG_INOUT) {
		p = (unsigned char *)(uintptr_t)a[0].value;
		for (i = 0; i < a[0].len; i++)
			p[i]++;
		c->ret = (__u64)-2;
		return 0;
	}
	return -ENOENT;
}

int ioctl(int fd, unsigned long req, ...)
{
	static int (*real)(int, unsigned long, ...);
	struct elfk_sym *s;
	struct elfk_unload *u;
	va_list ap;
	void *arg;
	int err;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!fake_is_dev(fd)) {
		if (!real)
			real = (int (*)(int, unsigned long,
					...))dlsym(RTLD_NEXT, "ioctl");
		return real(fd, req, arg);
	}

	switch (req) {
	case ELFK_IOC_LOAD:
		err = fake_load(arg);
		break;
	case ELFK_IOC_INFO:
		err = fake_info(arg);
		break;
	case ELFK_IOC_UNLOAD:
		u = arg;
		/* As the kernel: 16 is the size before the log fields. */
		if (u->size != 16 && u->size != sizeof(*u))
			err = -EINVAL;
		else
			err = u->id == 1 ? -EBUSY : u->id == 4 ? 0 : -ENOENT;
		break;
	case ELFK_IOC_SYM:
		s = arg;
		err = -ENOENT;
		if (s->size != sizeof(*s)) {
			err = -EINVAL;
			break;
		}
		if (!strcmp((const char *)(uintptr_t)s->name, "add")) {
			s->offset = 0x1120;
			s->sym_size = 23;
			s->type = 2; /* STT_FUNC */
			s->bind = 1; /* STB_GLOBAL */
			err = 0;
		}
		if (!strcmp((const char *)(uintptr_t)s->name, "greet3")) {
			s->offset = 0x1200;
			s->sym_size = 40;
			s->type = 2; /* STT_FUNC */
			s->bind = 1; /* STB_GLOBAL */
			err = 0;
		}
		if (!strcmp((const char *)(uintptr_t)s->name, "counter")) {
			s->offset = 0x3000;
			s->sym_size = 8;
			s->type = 1; /* STT_OBJECT */
			s->bind = 1; /* STB_GLOBAL */
			err = 0;
		}
		break;
	case ELFK_IOC_CALL:
		err = fake_call(arg);
		break;
	default:
		err = -ENOTTY;
	}
	if (err) {
		errno = -err;
		return -1;
	}
	return 0;
}
