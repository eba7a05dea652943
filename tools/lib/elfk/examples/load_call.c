// SPDX-License-Identifier: GPL-2.0
/*
 * load_call: check a plugin, load it, call one of its functions with
 * integer arguments, unload it.  The libelfk example
 * (Documentation/libelfk.rst); build it with
 *
 *   cc -o load_call load_call.c $(pkg-config --cflags --libs elfk)
 *
 * usage: load_call PLUGIN.so FUNCTION [INT]...
 *   e.g. load_call hello.so add 40 2      prints 42
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <elfk/libelfk.h>

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n = -1;

	if (f && !fseek(f, 0, SEEK_END))
		n = ftell(f);
	if (n > 0) {
		rewind(f);
		buf = malloc(n);
		if (buf && fread(buf, 1, n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = n;
	}
	if (f)
		fclose(f);
	return buf;
}

/* "elfk: OP: ENAME" and the kernel's log, if any. */
static int report(const char *op, int err, const char *log)
{
	const char *name = elfk_errno_name(-err);

	fprintf(stderr, "load_call: %s: %s\n", op, name ? name : "error");
	if (log && *log)
		fprintf(stderr, "%s", log);
	return 1;
}

int main(int argc, char **argv)
{
	struct elfk_check_opts opts = { 0 };
	struct elfk_unload unload = { 0 };
	__u64 args[ELFK_CALL_MAX_ARGS], ret;
	char check_log[4096], *log = NULL;
	int i, fd, err, nr_args = argc - 3;
	void *image;
	size_t len;
	__u32 id;

	if (argc < 3 || nr_args > ELFK_CALL_MAX_ARGS) {
		fprintf(stderr, "usage: %s PLUGIN.so FUNCTION [INT]...\n", argv[0]);
		return 2;
	}
	for (i = 0; i < nr_args; i++)
		args[i] = strtoull(argv[3 + i], NULL, 0);
	image = read_file(argv[1], &len);
	if (!image) {
		perror(argv[1]);
		return 1;
	}

	/* The kernel's validator, here: refused images never reach it. */
	opts.log_buf = check_log;
	opts.log_size = sizeof(check_log);
	opts.log_level = ELFK_LOG_LEVEL_ERROR;
	err = elfk_check_image(image, len, &opts);
	if (err)
		return report("check", err, check_log);

	fd = elfk_dev_open(NULL);
	if (fd < 0)
		return report("open " ELFK_DEVICE, fd, NULL);
	err = elfk_load_image(fd, image, len, NULL, ELFK_LOG_LEVEL_ERROR, &id,
			      &log);
	free(image);
	if (err)
		return report("load", err, log);
	free(log);

	err = elfk_call_ints(fd, id, argv[2], args, nr_args, &ret);
	if (err)
		report("call", err, NULL);
	else
		printf("%lld\n", (long long)ret);

	unload.id = id;
	if (elfk_ioc_unload(fd, &unload))
		err = report("unload", -errno, NULL);
	close(fd);
	return err ? 1 : 0;
}
