import type { Answer } from "../../domain/answer/answer.js";
import type { Question } from "../../domain/question/question.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { User } from "../../domain/user/user.js";
import { mapTable } from "./InMemoryStore.js";

/*
 * The tables more than one twin reads (a twin's private state is declared in the twin itself). Here
 * rather than in their repositories because those read each other's: questions by answer, answers by question.
 */
export const USERS = mapTable<UserId, User>();
export const QUESTIONS = mapTable<string, Question>();
export const ANSWERS = mapTable<string, Answer>();
