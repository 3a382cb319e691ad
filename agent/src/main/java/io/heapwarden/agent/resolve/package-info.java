/**
 * Whether each rule names something that exists: the ruled class, its field (of a type the rule can
 * bound) or its method. Read from class files with ASM, never by loading a class: at run time from
 * the bytes the transformer is given ({@link io.heapwarden.agent.resolve.RuleFeedback}), and by
 * {@code check --classpath} from directories, jars and Spring Boot fat jars ({@link
 * io.heapwarden.agent.resolve.ClasspathCheck}).
 */
package io.heapwarden.agent.resolve;
