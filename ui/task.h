/* task.h - the running command on a stack of its own.
 *
 * The core is straight-line code; when it must wait for the network it
 * parks its task (from the interpreter's waiter), and the TUI's one poll
 * loop resumes it once what it waits for is ready (see net/transport.h).
 * One task at a time; the loop's stack never runs the core's waits. */
#ifndef UI_TASK_H
#define UI_TASK_H

#include <stddef.h>

typedef struct ui_task ui_task;

/* A task with a stack of stack_size bytes (plus a guard page), or NULL. */
ui_task *ui_task_new(size_t stack_size);
void ui_task_free(ui_task *t);
/* From the loop: runs fn(arg) on the task's stack until it ends (returns 0)
 * or parks (returns 1); -1 while another task is parked. */
int ui_task_start(ui_task *t, void (*fn)(void *), void *arg);
/* From the loop: runs the parked task on until it ends (0) or parks (1). */
int ui_task_resume(ui_task *t);
/* From inside the task: back to the loop until ui_task_resume. */
void ui_task_park(ui_task *t);
/* 1 while a task is parked. */
int ui_task_parked(const ui_task *t);

#endif
