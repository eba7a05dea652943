// SPDX-License-Identifier: GPL-2.0
/*
 * loadfault: a LOAD whose results cannot be written back must fail and
 * leave nothing loaded, for run-e2e.sh in the guest.
 *
 *   loadfault PLUGIN.so
 *
 * Loads PLUGIN.so through ELFK_IOC_LOAD three times:
 *   ro-log     the log buffer is a read-only page: EFAULT
 *   ro-struct  struct elfk_load itself is on a read-only page (the kernel
 *              can read it, not write the id back): EFAULT
 *   rw         both writable: loads, then is unloaded
 * and after each refusal lists the objects with ELFK_IOC_INFO: none may
 * be loaded.  Prints one line per case, "CASE: RESULT"; exits 1 if any
 * case went wrong (then the line says how), 127 on a setup error.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/elfk.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "loadfault: %s: %s\n", what, strerror(errno));
	exit(127);
}

/* The number of objects loaded now, by id order through ELFK_INFO_NEXT. */
static int nr_loaded(int fd)
{
	struct elfk_info info;
	int n = 0;
	__u32 id = 0;

	for (;;) {
		memset(&info, 0, sizeof(info));
		info.size = sizeof(info);
		info.flags = ELFK_INFO_NEXT;
		info.id = id;
		if (ioctl(fd, ELFK_IOC_INFO, &info)) {
			if (errno == ENOENT)
				return n;
			die("ELFK_IOC_INFO");
		}
		n++;
		id = info.id + 1;
	}
}

static void *page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

/* One LOAD of the image; 0 or the errno.  *id is set on success. */
static int load(int fd, const void *image, size_t len, bool ro_log,
		bool ro_struct, __u32 *id)
{
	struct elfk_load *cmd = page();
	char *log = page();
	int err;

	cmd->size = sizeof(*cmd);
	cmd->image = (unsigned long)image;
	cmd->image_len = len;
	cmd->log_buf = (unsigned long)log;
	cmd->log_size = 4096;
	cmd->log_level = ELFK_LOG_LEVEL_VERBOSE;
	if (ro_log && mprotect(log, 4096, PROT_READ))
		die("mprotect");
	if (ro_struct && mprotect(cmd, 4096, PROT_READ))
		die("mprotect");
	err = ioctl(fd, ELFK_IOC_LOAD, cmd) ? errno : 0;
	*id = cmd->id;
	munmap(cmd, 4096);
	munmap(log, 4096);
	return err;
}

static int expect_fault(int fd, const char *name, const void *image,
			size_t len, bool ro_log, bool ro_struct)
{
	__u32 id;
	int err = load(fd, image, len, ro_log, ro_struct, &id);
	int n = nr_loaded(fd);

	if (err == EFAULT && n == 0) {
		printf("%s: EFAULT, nothing loaded\n", name);
		return 0;
	}
	printf("%s: %s, %d object(s) loaded\n", name, err ? strerror(err) : "loaded", n);
	return 1;
}

int main(int argc, char **argv)
{
	struct elfk_unload un = { .size = sizeof(un) };
	struct stat st;
	void *image;
	int fd, img, bad = 0, err;
	__u32 id;

	if (argc != 2) {
		fprintf(stderr, "usage: loadfault PLUGIN.so\n");
		return 127;
	}
	img = open(argv[1], O_RDONLY);
	if (img < 0 || fstat(img, &st))
		die(argv[1]);
	image = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, img, 0);
	if (image == MAP_FAILED)
		die("mmap image");
	fd = open("/dev/elfload", O_RDWR);
	if (fd < 0)
		die("/dev/elfload");
	if (nr_loaded(fd)) {
		fprintf(stderr, "loadfault: objects are loaded already\n");
		return 127;
	}

	bad |= expect_fault(fd, "ro-log", image, st.st_size, true, false);
	bad |= expect_fault(fd, "ro-struct", image, st.st_size, false, true);

	err = load(fd, image, st.st_size, false, false, &id);
	if (err || !id || nr_loaded(fd) != 1) {
		printf("rw: %s, id %u\n", err ? strerror(err) : "loaded", id);
		bad = 1;
	} else {
		printf("rw: loaded\n");
	}
	if (!err && id) {
		un.id = id;
		if (ioctl(fd, ELFK_IOC_UNLOAD, &un))
			die("ELFK_IOC_UNLOAD");
	}
	return bad;
}
