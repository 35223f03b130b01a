import { z } from "zod";
import { CATEGORIES } from "../../domain/question/category.js";
import { QUESTION_SORTS } from "../../domain/question/ordering.js";
import { URGENCIES } from "../../domain/question/question.js";

/** Transport limits only: generous caps against abuse. The domain's own rules give the precise codes. */
export const id = z.string().trim().min(1).max(64);
export const cursor = z.string().max(512).optional();
export const limit = z.number().int().min(1).max(50).optional();
export const regionCode = z.string().trim().min(1).max(32);
export const lat = z.number().min(-90).max(90);
export const lng = z.number().min(-180).max(180);
export const imageKeys = z.array(z.string().min(1).max(300)).max(20).optional();
export const category = z.enum(CATEGORIES);
export const urgency = z.enum(URGENCIES);
export const questionSort = z.enum(QUESTION_SORTS);
export const listableStatus = z.enum(["open", "answered", "closed"]);
