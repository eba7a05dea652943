// SPDX-License-Identifier: GPL-2.0
/*
 * libelfk's own test, printing TAP: every ioctl wrapper and convenience
 * against tools/elfk-ctl's fake_elfload.so (run with it in LD_PRELOAD),
 * the validator and the image reader on an object the Makefile builds,
 * and errno names.
 *
 * usage: LD_PRELOAD=fake_elfload.so test_libelfk DIR   (DIR: test_top.so)
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libelfk.h"
#include "tap.h"

int tap_failed, tap_count;

#define ASSUMED \
	"check: 'dep_fn' is not in the kernel's table: assumed to come from a DT_NEEDED object"

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n ? n : 1);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static void test_device(const char *dir)
{
	char dev[4096], *log = NULL;
	struct elfk_unload unload;
	struct elfk_info info;
	struct elfk_sym sym;
	__u64 args[7] = { 40, 2 }, ret = 0;
	__u32 id = 0;
	int fd, err;

	err = elfk_dev_open("/nonexistent/elfload");
	tap(err == -ENOENT && errno == ENOENT,
	    "elfk_dev_open() of a missing device: -ENOENT and errno (%d)", err);

	snprintf(dev, sizeof(dev), "%s/fake-elfload", dir);
	close(open(dev, O_CREAT | O_WRONLY, 0600));
	fd = elfk_dev_open(dev);
	tap(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC),
	    "elfk_dev_open(): a close-on-exec descriptor");

	memset(&info, 0, sizeof(info));
	info.id = 4;
	err = elfk_ioc_info(fd, &info);
	tap(!err && info.size == sizeof(info) && !strcmp(info.name, "other"),
	    "elfk_ioc_info(): size 0 becomes sizeof(struct elfk_info)");
	memset(&info, 0, sizeof(info));
	info.size = 8;
	info.id = 4;
	err = elfk_ioc_info(fd, &info);
	tap(err == -EINVAL && info.size == 8,
	    "elfk_ioc_info(): the caller's size is passed as it is");
	memset(&info, 0, sizeof(info));
	info.id = 2;
	info.flags = ELFK_INFO_NEXT;
	tap(!elfk_ioc_info(fd, &info) && info.id == 4,
	    "elfk_ioc_info(ELFK_INFO_NEXT)");

	tap(!elfk_find(fd, "other", &id) && id == 4, "elfk_find() by name");
	tap(elfk_find(fd, "nope", &id) == -ENOENT,
	    "elfk_find() of an unknown name: -ENOENT");

	memset(&sym, 0, sizeof(sym));
	sym.id = 1;
	sym.name = (uintptr_t)"add";
	tap(!elfk_ioc_sym(fd, &sym) && sym.offset == 0x1120 &&
	    sym.sym_size == 23, "elfk_ioc_sym()");

	tap(!elfk_call_ints(fd, 1, "add", args, 2, &ret) && ret == 42,
	    "elfk_call_ints(): add(40, 2)");
	tap(elfk_call_ints(fd, 1, "add", args, 7, &ret) == -EINVAL,
	    "elfk_call_ints(): 7 arguments: -EINVAL");
	tap(elfk_call_ints(fd, 1, "nomem", args, 0, &ret) == -ENOMEM &&
	    errno == ENOMEM, "elfk_call_ints(): the kernel's errno");

	err = elfk_load_image(fd, "\177ELFxx", 6, "x", 0, &id, &log);
	tap(!err && id == 5 && log, "elfk_load_image(): the id and the log");
	free(log);
	err = elfk_load_image(fd, "\177ELFBIGLOG", 10, NULL, 0, &id, &log);
	tap(!err && id == 5,
	    "elfk_load_image(): retried with the log size the kernel needs");
	free(log);
	log = NULL;
	err = elfk_load_image(fd, "junk", 4, NULL, 0, &id, &log);
	tap(err == -ENOEXEC && log && strstr(log, "bad ELF magic"),
	    "elfk_load_image(): a refusal returns the errno and the kernel's log");
	free(log);
	tap(elfk_load_image(fd, "junk", 4, NULL, 0, &id, NULL) == -ENOEXEC,
	    "elfk_load_image(): the log is optional");

	memset(&unload, 0, sizeof(unload));
	unload.id = 1;
	tap(elfk_ioc_unload(fd, &unload) == -EBUSY &&
	    unload.size == sizeof(unload), "elfk_ioc_unload(): -EBUSY");
	memset(&unload, 0, sizeof(unload));
	unload.size = 16;
	unload.id = 4;
	tap(!elfk_ioc_unload(fd, &unload),
	    "elfk_ioc_unload(): the 16-byte size of the first ABI");

	struct elfk_load load = { 0 };

	load.image = (uintptr_t)"junk";
	load.image_len = 4;
	tap(elfk_ioc_load(fd, &load) == -EINVAL && load.size == sizeof(load),
	    "elfk_ioc_load(): the kernel's errno (no log buffer: EINVAL)");

	struct elfk_call call = { 0 };

	call.id = 1;
	call.nr_args = 2;
	call.symbol = (uintptr_t)"add";
	call.args[0].value = 1;
	call.args[1].value = 2;
	tap(!elfk_ioc_call(fd, &call) && call.ret == 3, "elfk_ioc_call()");
	close(fd);
	unlink(dev);
}

static void test_check(const char *dir)
{
	struct elfk_check_opts opts = { 0 };
	struct elfk_image_names names;
	char log[4096], small[16], path[4096];
	void *image;
	size_t len;
	int err;

	opts.log_buf = log;
	opts.log_size = sizeof(log);
	opts.log_level = ELFK_LOG_LEVEL_ERROR;
	err = elfk_check_image("junk", 4, &opts);
	tap(err == -ENOEXEC &&
	    !strcmp(log, "image is 4 bytes, smaller than an ELF header (64)\n") &&
	    opts.log_true_size == strlen(log) + 1,
	    "elfk_check_image(): the kernel's errno and message");
	tap(elfk_check_image("junk", 4, NULL) == -ENOEXEC,
	    "elfk_check_image(): no options, no log");
	opts.log_buf = small;
	opts.log_size = sizeof(small);
	err = elfk_check_image("junk", 4, &opts);
	tap(err == -ENOSPC && strlen(small) == sizeof(small) - 1 &&
	    opts.log_true_size == strlen(log) + 1,
	    "elfk_check_image(): a truncated log is -ENOSPC, as for LOAD, with the size it needs");
	opts.size = 4;
	tap(elfk_check_image("junk", 4, &opts) == -EINVAL,
	    "elfk_check_image(): a size smaller than the structure: -EINVAL");
	opts.size = 0;
	opts.flags = 0x80;
	tap(elfk_check_image("junk", 4, &opts) == -EINVAL,
	    "elfk_check_image(): unknown flags: -EINVAL");
	opts.flags = 0;

	snprintf(path, sizeof(path), "%s/test_top.so", dir);
	image = read_file(path, &len);
	tap(!!image, "read %s", path);
	if (!image)
		return;
	opts.log_buf = log;
	opts.log_size = sizeof(log);
	opts.log_level = ELFK_LOG_LEVEL_VERBOSE;
	err = elfk_check_image(image, len, &opts);
	tap(!err && strstr(log, ASSUMED),
	    "elfk_check_image(): accepts an object, assuming its DT_NEEDED imports (%d)",
	    err);

	err = elfk_image_names(image, len, &names);
	tap(!err && names.soname && !strcmp(names.soname, "test_top.so") &&
	    names.nr_needed == 1 && !strcmp(names.needed[0], "test_dep.so"),
	    "elfk_image_names(): DT_SONAME and DT_NEEDED");
	elfk_image_names_free(&names);
	tap(!names.soname && !names.nr_needed, "elfk_image_names_free()");
	free(image);

	/* An ET_REL object's needed objects: its .elfk.needed names. */
	snprintf(path, sizeof(path), "%s/test_top.o", dir);
	image = read_file(path, &len);
	err = image ? elfk_image_names(image, len, &names) : -ENOENT;
	tap(!err && !names.soname && names.nr_needed == 2 &&
	    !strcmp(names.needed[0], "test_dep.so") &&
	    !strcmp(names.needed[1], "b.o"),
	    "elfk_image_names(): an ET_REL object's ELFK_NEEDS() names (%d)", err);
	if (!err)
		elfk_image_names_free(&names);
	tap(elfk_image_names("junk", 4, &names) == -ENOEXEC && !names.soname,
	    "elfk_image_names(): the parser's refusal");
	free(image);
}

/*
 * ELFK_CHECK_FD: the image as a mapping of its file, whose whole pages are
 * mapped in place, gives the answer and log of the same bytes read.
 */
static void test_check_fd(const char *dir)
{
	struct elfk_check_opts opts = { 0 };
	char log[4096], log_fd[4096], path[4096], *in_place;
	struct stat st;
	void *image, *map;
	size_t len;
	int err, err_fd, fd;

	snprintf(path, sizeof(path), "%s/test_top.so", dir);
	image = read_file(path, &len);
	fd = open(path, O_RDONLY);
	if (!tap(image && fd >= 0 && !fstat(fd, &st) && (size_t)st.st_size == len,
		 "ELFK_CHECK_FD: open %s", path))
		return;
	map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	opts.log_buf = log;
	opts.log_size = sizeof(log);
	opts.log_level = ELFK_LOG_LEVEL_VERBOSE;
	err = elfk_check_image(image, len, &opts);
	opts.log_buf = log_fd;
	opts.flags = ELFK_CHECK_FD;
	opts.fd = fd;
	err_fd = elfk_check_image(map, len, &opts);
	/* The one line more: how much was mapped rather than copied. */
	in_place = strstr(log_fd, "check: ");
	if (in_place && strstr(in_place, "bytes of the file mapped in place\n"))
		memmove(in_place, strchr(in_place, '\n') + 1,
			strlen(strchr(in_place, '\n') + 1) + 1);
	else
		in_place = NULL;
	tap(map != MAP_FAILED && !err && !err_fd && in_place &&
	    !strcmp(log, log_fd),
	    "elfk_check_image(): ELFK_CHECK_FD, the file mapped: the same answer and log as read (%d, %d)",
	    err, err_fd);
	opts.fd = -1;
	tap(elfk_check_image(map, len, &opts) == -EINVAL,
	    "elfk_check_image(): ELFK_CHECK_FD without a file: -EINVAL");
	opts.fd = fd;
	opts.size = offsetof(struct elfk_check_opts, fd);
	tap(elfk_check_image(map, len, &opts) == -EINVAL,
	    "elfk_check_image(): ELFK_CHECK_FD from a caller built before @fd: -EINVAL");
	opts.flags = 0;
	opts.log_buf = log;
	tap(!elfk_check_image(image, len, &opts),
	    "elfk_check_image(): a caller built before @fd is still served");
	if (map != MAP_FAILED)
		munmap(map, len);
	close(fd);
	free(image);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	test_device(argv[1]);
	test_check(argv[1]);
	test_check_fd(argv[1]);
	tap(!strcmp(elfk_errno_name(ENOEXEC), "ENOEXEC") &&
	    !strcmp(elfk_errno_name(EOPNOTSUPP), "EOPNOTSUPP"),
	    "elfk_errno_name(): the C library's names");
	tap(!strcmp(elfk_errno_name(512), "ERESTARTSYS") &&
	    !strcmp(elfk_errno_name(524), "ENOTSUPP"),
	    "elfk_errno_name(): the kernel's own");
	tap(!elfk_errno_name(0) && !elfk_errno_name(-1) &&
	    !elfk_errno_name(4000), "elfk_errno_name(): unknown numbers");
	tap(!strcmp(elfk_version(), ELFK_TEST_VERSION), "elfk_version() is VERSION's");
	printf("1..%d\n%d passed, %d failed\n", tap_count, tap_count - tap_failed,
	       tap_failed);
	return tap_failed != 0;
}
