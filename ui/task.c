/* task.c - ucontext switching between the loop and the task, told to
 * AddressSanitizer (fiber annotations) so it checks both stacks. Switches
 * are getcontext + setcontext: ASan's swapcontext interceptor prints a
 * warning onto the terminal the first time, and the annotations already
 * tell it all it needs. */
#include "task.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define TASK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TASK_ASAN 1
#endif
#endif

#ifdef TASK_ASAN
#include <sanitizer/common_interface_defs.h>
#else
static void __sanitizer_start_switch_fiber(void **save, const void *bottom,
					   size_t size)
{
	(void)save, (void)bottom, (void)size;
}
static void __sanitizer_finish_switch_fiber(void *save, const void **bottom,
					    size_t *size)
{
	(void)save, (void)bottom, (void)size;
}
#endif

enum { IDLE, RUNNING, PARKED };

struct ui_task {
	ucontext_t loop, task;
	char *map;          /* guard page, then the stack */
	size_t map_size, guard;
	void (*fn)(void *);
	void *arg;
	int state;
	void *loop_fake, *task_fake; /* ASan's fake stacks, per side */
	const void *loop_bottom;     /* the loop's stack, for ASan */
	size_t loop_size;
};

static ui_task *current; /* makecontext passes only ints */

ui_task *ui_task_new(size_t stack_size)
{
	ui_task *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	long page = sysconf(_SC_PAGESIZE);
	t->guard = page > 0 ? (size_t)page : 4096;
	t->map_size = (stack_size + t->guard - 1) / t->guard * t->guard + t->guard;
	t->map = mmap(NULL, t->map_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (t->map == MAP_FAILED || mprotect(t->map, t->guard, PROT_NONE)) {
		if (t->map != MAP_FAILED)
			munmap(t->map, t->map_size);
		free(t);
		return NULL;
	}
	return t;
}

void ui_task_free(ui_task *t)
{
	if (!t)
		return;
	munmap(t->map, t->map_size);
	free(t);
}

/* Saves the current context in from and continues in to; returns when
 * from is resumed. */
static void jump(ucontext_t *from, const ucontext_t *to)
{
	volatile int resumed = 0;
	getcontext(from);
	if (!resumed) {
		resumed = 1;
		setcontext(to);
	}
}

/* Loop -> task; returns when the task parks or ends. */
static int enter(ui_task *t)
{
	t->state = RUNNING;
	__sanitizer_start_switch_fiber(&t->loop_fake, t->map + t->guard,
				       t->map_size - t->guard);
	jump(&t->loop, &t->task);
	__sanitizer_finish_switch_fiber(t->loop_fake, NULL, NULL);
	return t->state == PARKED;
}

static void trampoline(void)
{
	ui_task *t = current;
	__sanitizer_finish_switch_fiber(NULL, &t->loop_bottom, &t->loop_size);
	t->fn(t->arg);
	t->state = IDLE;
	/* this stack is done: ASan may drop its fake frames (NULL) */
	__sanitizer_start_switch_fiber(NULL, t->loop_bottom, t->loop_size);
	setcontext(&t->loop);
}

int ui_task_start(ui_task *t, void (*fn)(void *), void *arg)
{
	if (t->state != IDLE)
		return -1;
	getcontext(&t->task); /* cannot fail on Linux */
	t->task.uc_stack.ss_sp = t->map + t->guard;
	t->task.uc_stack.ss_size = t->map_size - t->guard;
	t->task.uc_link = NULL;
	t->fn = fn;
	t->arg = arg;
	current = t;
	makecontext(&t->task, trampoline, 0);
	return enter(t);
}

int ui_task_resume(ui_task *t)
{
	return t->state == PARKED ? enter(t) : 0;
}

void ui_task_park(ui_task *t)
{
	t->state = PARKED;
	__sanitizer_start_switch_fiber(&t->task_fake, t->loop_bottom,
				       t->loop_size);
	jump(&t->task, &t->loop);
	__sanitizer_finish_switch_fiber(t->task_fake, &t->loop_bottom,
					&t->loop_size);
}

int ui_task_parked(const ui_task *t)
{
	return t->state == PARKED;
}
