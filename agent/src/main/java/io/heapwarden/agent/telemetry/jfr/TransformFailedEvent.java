package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/** Keeps its stack trace: committed on the thread whose class load hit the failure. */
@Name("heapwarden.TransformFailed")
@Label("Transform Failed")
@Description("Heapwarden could not rewrite a class; the class was loaded unchanged")
@Category("Heapwarden")
final class TransformFailedEvent extends Event {
  @Label("Class")
  @Description("Binary name of the class that loads unchanged")
  @Nullable String className;

  @Label("Failure Class")
  @Description("Class name of the failure")
  @Nullable String failureClass;

  @Label("Failure Message")
  @Description("Message of the failure")
  @Nullable String failureMessage;
}
