// The routes: the login page, and the portal layout with one route per screen of menu.ts.
// Pages are separate chunks (React.lazy) so the first load stays small (quality.md); the
// declarative router is enough (no loaders) and weighs less than the data router.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from "react";
import { Navigate, useRoutes, type RouteObject } from "react-router";
import { AppLayout } from "./app-layout";
import { RequireNoSession, RequireScreen, RequireSession } from "./guards";
import { screens, type Screen, type ScreenId } from "./menu";
import { PageSpin } from "./page-spin";
import { ComingSoonPage, NotFoundPage } from "./status-pages";

const LoginPage = lazy(() => import("../features/login/login-page").then((m) => ({ default: m.LoginPage })));

interface ScreenRoute {
  readonly id: ScreenId;
  readonly path: string;
  readonly Page: LazyExoticComponent<ComponentType> | ComponentType;
}

const screenRoutes: readonly ScreenRoute[] = (Object.entries(screens) as [ScreenId, Screen][]).map(([id, screen]) => {
  const load = screen.load;
  return {
    id,
    // A nested screen's page also answers below its path (its detail views).
    path: screen.nested ? `${screen.path}/*` : screen.path,
    Page: load ? lazy(() => load().then((Page) => ({ default: Page }))) : ComingSoonPage,
  };
});

const routes: RouteObject[] = [
  {
    path: "/login",
    element: (
      <RequireNoSession>
        <Suspense fallback={<PageSpin />}>
          <LoginPage />
        </Suspense>
      </RequireNoSession>
    ),
  },
  {
    path: "/",
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/top" replace /> },
      ...screenRoutes.map(({ id, path, Page }) => ({
        path,
        element: (
          <RequireScreen screen={id}>
            <Page />
          </RequireScreen>
        ),
      })),
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export function AppRoutes() {
  return useRoutes(routes);
}
